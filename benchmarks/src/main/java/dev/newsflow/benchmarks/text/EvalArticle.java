package dev.newsflow.benchmarks.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One article of the clean-text evaluation set ({@code text-eval/articles.txt}, written for it), with what an editor
 * expects of it.
 *
 * @param blocks the body in order: paragraphs, subheadings and photo captions
 * @param phrases the key phrases an editor would tag it with
 */
record EvalArticle(String id, boolean test, String section, String author, Instant published, String title,
        List<String> phrases, List<Block> blocks) {

    /** A paragraph, a subheading, or a photo caption with its credit. */
    record Block(Kind kind, String text, String credit) {

        enum Kind { PARAGRAPH, HEADING, CAPTION }
    }

    /** The article's text as a reader gets it: paragraphs and subheadings, no captions. */
    List<String> bodyParagraphs() {
        return blocks.stream().filter(block -> block.kind() != Block.Kind.CAPTION).map(Block::text).toList();
    }

    /** The captions' photo credits, as the article gives them. */
    List<String> credits() {
        return blocks.stream().filter(block -> block.credit() != null).map(Block::credit).toList();
    }

    String body() {
        return String.join("\n\n", bodyParagraphs());
    }

    int words() {
        return body().split("\\s+").length;
    }

    static List<EvalArticle> load() {
        try (InputStream in = EvalArticle.class.getResourceAsStream("/text-eval/articles.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<EvalArticle> parse(String file) {
        List<EvalArticle> articles = new ArrayList<>();
        for (String record : file.split("(?m)^### ")) {
            if (record.isBlank() || record.startsWith("#")) {
                continue;
            }
            String[] parts = record.split("\n\n", 2);
            List<String> header = Arrays.asList(parts[0].split("\n"));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : header.subList(1, header.size())) {
                int colon = line.indexOf(':');
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            List<Block> blocks = new ArrayList<>();
            for (String paragraph : parts[1].strip().split("\n\\s*\n")) {
                String text = paragraph.strip();
                if (text.startsWith("## ")) {
                    blocks.add(new Block(Block.Kind.HEADING, text.substring(3).strip(), null));
                }
                else if (text.startsWith("[caption] ")) {
                    String[] caption = text.substring("[caption] ".length()).split("\\s*\\|\\s*", 2);
                    blocks.add(new Block(Block.Kind.CAPTION, caption[0], caption.length > 1 ? caption[1] : null));
                }
                else {
                    blocks.add(new Block(Block.Kind.PARAGRAPH, text, null));
                }
            }
            articles.add(new EvalArticle(header.get(0).strip(), "test".equals(fields.get("split")), fields.get("section"),
                    fields.get("author"), Instant.parse(fields.get("published")), fields.get("title"),
                    Arrays.stream(fields.get("phrases").split(";")).map(String::strip).toList(), List.copyOf(blocks)));
        }
        return articles;
    }
}
