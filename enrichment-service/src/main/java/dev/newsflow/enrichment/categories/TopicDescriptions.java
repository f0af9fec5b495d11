package dev.newsflow.enrichment.categories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 17 top-level IPTC Media Topics, each described through its subtopics (label, definition and the words news
 * reports on it use), as shipped in {@value #RESOURCE}. Both topic scorers read the topics in this order.
 */
public record TopicDescriptions(List<Topic> topics) {

    static final String RESOURCE = "categories/iptc-media-topics.tsv";

    /** A top-level topic: its stable code, its label and definition, and its subtopics. */
    public record Topic(String code, String label, String definition, List<Subtopic> subtopics) {
    }

    /** A subtopic: label, definition and typical news words, all plain English text. */
    public record Subtopic(String label, String definition, String newsWords) {
    }

    /** The shipped descriptions. */
    public static TopicDescriptions load() {
        try (InputStream in = TopicDescriptions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static TopicDescriptions parse(List<String> lines) {
        Map<String, String[]> topics = new LinkedHashMap<>();
        Map<String, List<Subtopic>> subtopics = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            switch (columns[0]) {
                case "topic" -> {
                    topics.put(columns[1], columns);
                    subtopics.put(columns[1], new ArrayList<>());
                }
                case "sub" -> {
                    List<Subtopic> of = subtopics.get(columns[1]);
                    if (of == null) {
                        throw new IllegalStateException(RESOURCE + ": subtopic before its topic: " + line);
                    }
                    of.add(new Subtopic(columns[2], columns[3], columns.length > 4 ? columns[4] : ""));
                }
                default -> throw new IllegalStateException(RESOURCE + ": unknown line kind: " + line);
            }
        }
        return new TopicDescriptions(topics.values().stream()
                .map(columns -> new Topic(columns[1], columns[2], columns[3], List.copyOf(subtopics.get(columns[1]))))
                .toList());
    }

    /** Top-level labels by code, in file order. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        topics.forEach(topic -> labels.put(topic.code(), topic.label()));
        return labels;
    }

    public int size() {
        return topics.size();
    }
}
