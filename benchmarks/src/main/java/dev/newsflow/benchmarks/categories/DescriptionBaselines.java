package dev.newsflow.benchmarks.categories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.newsflow.enrichment.categories.TopicDescriptions;
import dev.newsflow.enrichment.text.ArticleText;

/**
 * The plain zero-shot baselines our IPTC classifier is compared with, all on IPTC's own text (labels and
 * definitions, no news words):
 * <ul>
 * <li>{@link #labelMatch}: how many article words (with repeats) occur in the topic's label and one-line definition;</li>
 * <li>{@link #tfIdfCosine}: TF-IDF cosine between the article and each topic's label, definition and subtopic labels
 * and definitions (idf over the 17 topic documents);</li>
 * <li>{@link #embeddingOneLine}: cosine of the e5 embeddings of the article's headline and lead and of the topic's
 * "label: definition" line.</li>
 * </ul>
 */
final class DescriptionBaselines {

    private final ArticleText text;
    private final List<Set<String>> oneLine = new ArrayList<>();
    private final List<Map<String, Double>> documents = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();
    private final EmbeddingModel model;
    private final List<float[]> lines = new ArrayList<>();

    DescriptionBaselines(TopicDescriptions descriptions, ArticleText text, EmbeddingModel model) {
        this.text = text;
        this.model = model;
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<Map<String, Integer>> frequencies = new ArrayList<>();
        for (TopicDescriptions.Topic topic : descriptions.topics()) {
            oneLine.add(new HashSet<>(text.terms(topic.label() + " " + topic.definition())));
            StringBuilder document = new StringBuilder(topic.label()).append(". ").append(topic.definition());
            topic.subtopics().forEach(sub -> document.append(". ").append(sub.label()).append(". ").append(sub.definition()));
            Map<String, Integer> counts = text.termFrequencies("", document.toString());
            counts.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
            frequencies.add(counts);
            if (model != null) {
                lines.add(unit(model.embed("query: " + topic.label() + ": " + topic.definition()).content().vector()));
            }
        }
        int n = descriptions.size();
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log((1.0 + n) / (1.0 + df)) + 1));
        frequencies.forEach(counts -> documents.add(tfIdf(counts)));
    }

    double[] labelMatch(Map<String, Integer> termFrequencies) {
        double[] scores = new double[oneLine.size()];
        for (int topic = 0; topic < scores.length; topic++) {
            for (Map.Entry<String, Integer> entry : termFrequencies.entrySet()) {
                if (oneLine.get(topic).contains(entry.getKey())) {
                    scores[topic] += entry.getValue();
                }
            }
        }
        return scores;
    }

    double[] tfIdfCosine(Map<String, Integer> termFrequencies) {
        Map<String, Double> article = tfIdf(termFrequencies);
        double[] scores = new double[documents.size()];
        for (int topic = 0; topic < scores.length; topic++) {
            Map<String, Double> document = documents.get(topic);
            double dot = 0;
            for (Map.Entry<String, Double> entry : article.entrySet()) {
                dot += entry.getValue() * document.getOrDefault(entry.getKey(), 0.0);
            }
            scores[topic] = dot;
        }
        return scores;
    }

    double[] embeddingOneLine(String title, String body) {
        String lead = body.strip().split("\\n", 2)[0];
        float[] article = unit(model.embed("query: " + title + ". " + lead).content().vector());
        double[] scores = new double[lines.size()];
        for (int topic = 0; topic < scores.length; topic++) {
            float[] line = lines.get(topic);
            for (int i = 0; i < line.length; i++) {
                scores[topic] += article[i] * line[i];
            }
        }
        return scores;
    }

    boolean hasEmbeddings() {
        return model != null;
    }

    // Unknown terms get the largest idf, as if they occurred in no topic document.
    private Map<String, Double> tfIdf(Map<String, Integer> counts) {
        double unknown = Math.log(1.0 + documents.size() + oneLine.size()) + 1;
        Map<String, Double> vector = new HashMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            double weight = (1 + Math.log(entry.getValue())) * idf.getOrDefault(entry.getKey(), unknown);
            vector.put(entry.getKey(), weight);
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        vector.replaceAll((term, weight) -> weight / length);
        return vector;
    }

    private static float[] unit(float[] vector) {
        float[] copy = vector.clone();
        double norm = 0;
        for (float value : copy) {
            norm += value * value;
        }
        for (int i = 0; i < copy.length; i++) {
            copy[i] /= (float) Math.sqrt(norm);
        }
        return copy;
    }
}
