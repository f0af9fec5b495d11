package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsflow.enrichment.text.ArticleText;

/**
 * Scores an article against the IPTC topic descriptions by their words, without any training data.
 *
 * <p>Each subtopic (and each topic's own label and definition) is a weighted bag of analysed terms: label words
 * count 3, news words 2, definition words 1, each multiplied by its specificity {@code ln(1 + T / topics(t))}, where
 * {@code topics(t)} is the number of the {@code T} topics whose descriptions use the term. An article's term
 * frequency is saturated as in BM25, {@code (k + 1) · tf / (k + tf)}, so that a word repeated throughout a long
 * article counts little more than a word said twice: long articles bring more <em>different</em> evidence, never a
 * flood of one word. A subtopic scores the sum over shared terms divided by the norm of its own weights to the
 * power {@code normExponent} (so that long descriptions do not win by size); a topic scores the mean of its best
 * {@code rollUp} subtopics.
 *
 * <p>Immutable and thread-safe.
 */
public final class LexicalTopicScorer {

    /**
     * @param saturation BM25's {@code k}: how quickly repeats of a word stop adding evidence
     * @param normExponent how strongly a subtopic's score is divided by the size of its description
     * @param rollUp a topic's score is the mean of its best this many subtopics
     */
    public record Settings(double saturation, double normExponent, int rollUp) {

        /** Chosen on the development split of the evaluation set (benchmarks' {@code categories} command). */
        public static final Settings DEFAULTS = new Settings(0.5, 0.5, 2);
    }

    private static final double LABEL_WEIGHT = 3;
    private static final double NEWS_WORDS_WEIGHT = 2;
    private static final double DEFINITION_WEIGHT = 1;

    private final Settings settings;
    // Per topic, per subtopic: term -> weight (specificity and description-size normalisation included).
    private final List<List<Map<String, Double>>> subtopics = new ArrayList<>();

    public LexicalTopicScorer(TopicDescriptions descriptions, ArticleText text, Settings settings) {
        this.settings = settings;
        List<List<Map<String, Double>>> raw = new ArrayList<>();
        Map<String, Set<Integer>> topicsUsing = new HashMap<>();
        for (int topic = 0; topic < descriptions.size(); topic++) {
            TopicDescriptions.Topic described = descriptions.topics().get(topic);
            List<Map<String, Double>> bags = new ArrayList<>();
            bags.add(bag(text, described.label(), described.definition(), ""));
            described.subtopics().forEach(sub -> bags.add(bag(text, sub.label(), sub.definition(), sub.newsWords())));
            for (Map<String, Double> bag : bags) {
                for (String term : bag.keySet()) {
                    topicsUsing.computeIfAbsent(term, ignored -> new HashSet<>()).add(topic);
                }
            }
            raw.add(bags);
        }
        double topics = descriptions.size();
        for (List<Map<String, Double>> bags : raw) {
            List<Map<String, Double>> weighted = new ArrayList<>();
            for (Map<String, Double> bag : bags) {
                Map<String, Double> weights = new HashMap<>();
                bag.forEach((term, weight) -> weights.put(term, weight * Math.log(1 + topics / topicsUsing.get(term).size())));
                double norm = Math.sqrt(weights.values().stream().mapToDouble(weight -> weight * weight).sum());
                double divisor = Math.pow(Math.max(norm, 1e-9), settings.normExponent());
                weights.replaceAll((term, weight) -> weight / divisor);
                weighted.add(Map.copyOf(weights));
            }
            subtopics.add(List.copyOf(weighted));
        }
    }

    private static Map<String, Double> bag(ArticleText text, String label, String definition, String newsWords) {
        Map<String, Double> bag = new HashMap<>();
        text.terms(label).forEach(term -> bag.merge(term, LABEL_WEIGHT, Math::max));
        text.terms(newsWords).forEach(term -> bag.merge(term, NEWS_WORDS_WEIGHT, Math::max));
        text.terms(definition).forEach(term -> bag.merge(term, DEFINITION_WEIGHT, Math::max));
        return bag;
    }

    /** The evidence for each topic (in {@link TopicDescriptions} order), 0 where the article shares no words with it. */
    public double[] evidence(Map<String, Integer> termFrequencies) {
        double k = settings.saturation();
        double[] evidence = new double[subtopics.size()];
        for (int topic = 0; topic < subtopics.size(); topic++) {
            List<Map<String, Double>> bags = subtopics.get(topic);
            double[] scores = new double[bags.size()];
            for (int sub = 0; sub < bags.size(); sub++) {
                Map<String, Double> bag = bags.get(sub);
                double score = 0;
                for (Map.Entry<String, Integer> entry : termFrequencies.entrySet()) {
                    Double weight = bag.get(entry.getKey());
                    if (weight != null) {
                        double frequency = entry.getValue();
                        score += weight * (k + 1) * frequency / (k + frequency);
                    }
                }
                scores[sub] = score;
            }
            evidence[topic] = meanOfBest(scores, settings.rollUp());
        }
        return evidence;
    }

    static double meanOfBest(double[] scores, int count) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int taken = Math.min(count, sorted.length);
        double sum = 0;
        for (int i = 0; i < taken; i++) {
            sum += sorted[sorted.length - 1 - i];
        }
        return taken == 0 ? 0 : sum / taken;
    }
}
