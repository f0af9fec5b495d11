package dev.newsflow.enrichment.categories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.newsflow.enrichment.text.ArticleText;

/** The shipped starting model for IPTC Media Topics: analysed seed words per top-level topic. */
final class SeedLexicon {

    static final String RESOURCE = "categories/iptc-seed-lexicon.tsv";

    /**
     * The weight a seed word adds to its topic in the IPTC model. A training article adds about 1 in total over all
     * its terms (its features are L2-normalised), so each seed word counts like a few articles that use it and
     * learned examples take over as they accumulate.
     */
    static final double TERM_WEIGHT = 1.0;

    /** One IPTC topic with its analysed seed terms. */
    record Topic(String code, String label, Set<String> terms) {
    }

    private SeedLexicon() {
    }

    static List<Topic> load(ArticleText text) {
        List<Topic> topics = new ArrayList<>();
        try (InputStream in = SeedLexicon.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .forEach(columns -> topics.add(new Topic(columns[0], columns[1], new HashSet<>(text.terms(columns[2])))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return List.copyOf(topics);
    }
}
