package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.CategoryAssignment;
import org.springframework.stereotype.Component;

/**
 * Categories of an article: the publisher's own, kept exactly as given, plus IPTC Media Topics predicted from the
 * seed lexicon. A topic's confidence grows with the number of seed-term occurrences:
 * {@code hits / (hits + }{@value #HALF_CONFIDENCE_HITS}{@code )}, each distinct term counted at most
 * {@value #MAX_HITS_PER_TERM} times so that one repeated word cannot decide a topic.
 */
@Component
public class ArticleCategorizer {

    static final int HALF_CONFIDENCE_HITS = 4;
    static final int MAX_HITS_PER_TERM = 3;

    private final List<SeedLexicon.Topic> topics;
    private final EnrichmentProperties.Categories settings;

    ArticleCategorizer(ArticleText text, EnrichmentProperties properties) {
        this.topics = SeedLexicon.load(text);
        this.settings = properties.categories();
    }

    public List<CategoryAssignment> categorize(Map<String, Integer> termFrequencies, List<String> publisherCategories) {
        List<CategoryAssignment> categories = new ArrayList<>();
        publisherCategories.forEach(label -> categories.add(new CategoryAssignment(CategoryAssignment.PUBLISHER,
                label.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"), label, 1.0, CategoryAssignment.Origin.PUBLISHER)));
        topics.stream()
                .map(topic -> new CategoryAssignment(CategoryAssignment.IPTC, topic.code(), topic.label(),
                        confidence(hits(topic, termFrequencies)), CategoryAssignment.Origin.MODEL))
                .filter(category -> category.confidence() >= settings.minConfidence())
                .sorted(Comparator.comparingDouble(CategoryAssignment::confidence).reversed())
                .limit(settings.maxPredicted())
                .forEach(categories::add);
        return categories;
    }

    private static int hits(SeedLexicon.Topic topic, Map<String, Integer> termFrequencies) {
        return termFrequencies.entrySet().stream()
                .filter(entry -> topic.terms().contains(entry.getKey()))
                .mapToInt(entry -> Math.min(entry.getValue(), MAX_HITS_PER_TERM))
                .sum();
    }

    private static double confidence(int hits) {
        return Math.round(1000.0 * hits / (hits + HALF_CONFIDENCE_HITS)) / 1000.0;
    }
}
