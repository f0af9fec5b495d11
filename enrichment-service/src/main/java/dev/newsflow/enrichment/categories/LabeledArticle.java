package dev.newsflow.enrichment.categories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One article of a labelled JSON Lines file: {@code {"title": …, "body": …, "categories": ["World", …]}}. For
 * converted corpora, {@code text} is read as the body and a single {@code category} or {@code label} as the
 * categories.
 */
public record LabeledArticle(String id, String title, String body, List<String> categories) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @throws IllegalArgumentException naming the line of a record that is not valid */
    public static List<LabeledArticle> read(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    /** The records of {@code lines}, read from {@code source} (named in errors). */
    public static List<LabeledArticle> parse(String source, List<String> lines) {
        List<LabeledArticle> articles = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                articles.add(parse(source, i + 1, lines.get(i)));
            }
        }
        return articles;
    }

    private static LabeledArticle parse(String file, int line, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(file + ":" + line + ": not JSON: " + ex.getOriginalMessage());
        }
        List<String> categories = new ArrayList<>();
        node.path("categories").forEach(category -> categories.add(category.asString()));
        for (String single : List.of("category", "label")) {
            if (categories.isEmpty() && node.hasNonNull(single)) {
                categories.add(node.get(single).asString());
            }
        }
        String title = node.path("title").asString("");
        String body = node.hasNonNull("body") ? node.get("body").asString() : node.path("text").asString("");
        if (categories.isEmpty() || (title.isBlank() && body.isBlank())) {
            throw new IllegalArgumentException(file + ":" + line + ": needs a title or body and at least one category");
        }
        return new LabeledArticle(node.path("id").asString("line-" + line), title, body, List.copyOf(categories));
    }
}
