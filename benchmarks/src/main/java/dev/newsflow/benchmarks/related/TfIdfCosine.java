package dev.newsflow.benchmarks.related;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import dev.newsflow.enrichment.text.ArticleText;

/**
 * The plain baseline for related posts: whole-text TF-IDF vectors (title and body through Lucene's English
 * analyzer; raw term frequency times smoothed idf {@code ln((1 + N) / (1 + df)) + 1}; L2-normalised, as
 * scikit-learn's TfidfVectorizer does by default) and, for each article, every other article ranked by cosine.
 */
final class TfIdfCosine {

    private final List<SyntheticArticle> articles;
    private final List<Map<String, Double>> vectors = new ArrayList<>();

    TfIdfCosine(ArticleText text, List<SyntheticArticle> articles) {
        this.articles = articles;
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> documentFrequencies = new HashMap<>();
        for (SyntheticArticle article : articles) {
            Map<String, Integer> terms = new HashMap<>();
            text.terms(article.title() + "\n" + article.body()).forEach(term -> terms.merge(term, 1, Integer::sum));
            terms.keySet().forEach(term -> documentFrequencies.merge(term, 1, Integer::sum));
            counts.add(terms);
        }
        int n = articles.size();
        for (Map<String, Integer> terms : counts) {
            Map<String, Double> vector = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Integer> term : terms.entrySet()) {
                double weight = term.getValue() * (Math.log((1.0 + n) / (1.0 + documentFrequencies.get(term.getKey()))) + 1);
                vector.put(term.getKey(), weight);
                norm += weight * weight;
            }
            double length = Math.sqrt(norm);
            vector.replaceAll((term, weight) -> weight / length);
            vectors.add(vector);
        }
    }

    /** For each article's id, the ids of the {@code k} other articles of highest cosine, best first. */
    Map<String, List<String>> topK(int k) {
        Map<String, List<String>> tops = new LinkedHashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            List<double[]> scored = new ArrayList<>();
            for (int j = 0; j < articles.size(); j++) {
                if (j != i) {
                    scored.add(new double[] {cosine(vectors.get(i), vectors.get(j)), j});
                }
            }
            scored.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
            tops.put(articles.get(i).id(), scored.stream().limit(k).map(entry -> articles.get((int) entry[1]).id()).toList());
        }
        return tops;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> smaller = a.size() <= b.size() ? a : b;
        Map<String, Double> larger = smaller == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> term : smaller.entrySet()) {
            dot += term.getValue() * larger.getOrDefault(term.getKey(), 0.0);
        }
        return dot;
    }
}
