package dev.newsflow.benchmarks.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.newsflow.enrichment.categories.EmbeddingTopicScorer;
import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.text.ArticleText;

/**
 * Learned publisher categories, every method in one run on one labelled set: Naive Bayes as enrichment runs it
 * today, Naive Bayes plus the cosine to each category's e5 centroid at several scales ({@code nb+e5@S}), the e5
 * centroid alone, the TF-IDF cosine to each category's centroid, and lexical matching of the category names.
 *
 * <p>{@code nb+e5@S} is enrichment's own {@link TaxonomyModel} with embedding scale {@code S}: it scores category {@code c} as {@code ln P_NB(c | article) + S · cos(v, Σ e)}, softmaxed: Naive
 * Bayes and a nearest-centroid classifier over the articles' unit e5 vectors ({@code v} the article's, {@code Σ e}
 * the sum of the category's training articles'), in one distribution the min-confidence / lift rule can read.
 *
 * <p>{@link #crossValidate} reads only the training half (k-fold within it): that is where the scale is chosen.
 * {@link #test} trains on the whole training half and scores the test half once, with the scale given.
 */
final class LearnedCategoryComparison {

    /** The scales tried on the dev halves; 0 is Naive Bayes alone. */
    static final double[] SCALES = {0, 5, 10, 20, 30, 40, 60, 80, 100, 150, 200, 300, 500};
    static final int FOLDS = 5;

    /** One article with what every method reads: its label, analysed terms and e5 vector (null without embeddings). */
    record Item(LabeledArticle article, String label, Map<String, Integer> frequencies, float[] vector) {
    }

    private final ArticleText text;
    private final EmbeddingTopicScorer embeddings;

    LearnedCategoryComparison(ArticleText text, EmbeddingTopicScorer embeddings) {
        this.text = text;
        this.embeddings = embeddings;
    }

    /** The articles labelled by their first category, each embedded once. */
    List<Item> items(List<LabeledArticle> articles) {
        return articles.stream().map(article -> new Item(article, article.categories().get(0),
                text.termFrequencies(article.title(), article.body()),
                embeddings == null ? null : embeddings.articleVector(article.title(), article.body()))).toList();
    }

    /** Each method's pooled {@code FOLDS}-fold predictions within {@code dev}: accuracy and macro-F1 per method. */
    Map<String, Evaluation> crossValidate(List<Item> dev) {
        Map<String, List<String>> predicted = new LinkedHashMap<>();
        List<String> actual = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int[] fold = new int[dev.size()];
        for (int i = 0; i < dev.size(); i++) {
            fold[i] = seen.merge(dev.get(i).label(), 1, Integer::sum) % FOLDS;
        }
        for (int k = 0; k < FOLDS; k++) {
            List<Item> train = new ArrayList<>();
            List<Item> held = new ArrayList<>();
            for (int i = 0; i < dev.size(); i++) {
                (fold[i] == k ? held : train).add(dev.get(i));
            }
            Map<String, Function<Item, String>> methods = methods(train);
            for (Item item : held) {
                actual.add(item.label());
                methods.forEach((name, method) -> predicted.computeIfAbsent(name, ignored -> new ArrayList<>()).add(method.apply(item)));
            }
        }
        Map<String, Evaluation> results = new LinkedHashMap<>();
        predicted.forEach((name, predictions) -> results.put(name, Evaluation.of(actual, predictions)));
        return results;
    }

    /** A trained Naive Bayes model and the e5 centroids of the same training articles. */
    private record Trained(List<Item> train, TaxonomyModel naiveBayes, Map<String, double[]> centroids,
            Map<Double, TaxonomyModel> combined) {

        Trained(List<Item> train) {
            this(train, new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS), new HashMap<>(), new ConcurrentHashMap<>());
            for (Item item : train) {
                naiveBayes.apply(TaxonomyModel.features(item.frequencies()), List.of(new TaxonomyModel.Label(item.label(), item.label())), 1);
                if (item.vector() != null) {
                    add(centroids.computeIfAbsent(item.label(), ignored -> new double[item.vector().length]), item.vector());
                }
            }
        }

        /** Naive Bayes alone ({@code scale} 0 or no vector), or combined with the centroid cosine; best first. */
        List<TaxonomyModel.Prediction> predict(Item item, double scale) {
            return scale == 0 ? naiveBayes.predict(item.frequencies()) : model(scale).predict(item.frequencies(), item.vector());
        }

        /** The same counts, with enrichment's own combination at {@code scale} (TaxonomyModel's centroids). */
        private TaxonomyModel model(double scale) {
            return combined.computeIfAbsent(scale, ignored -> {
                TaxonomyModel.Settings defaults = TaxonomyModel.Settings.DEFAULTS;
                TaxonomyModel model = new TaxonomyModel(new TaxonomyModel.Settings(defaults.alpha(), defaults.evidence(),
                        defaults.maxVocabulary(), scale));
                train.forEach(item -> model.apply(TaxonomyModel.features(item.frequencies()), item.vector(),
                        List.of(new TaxonomyModel.Label(item.label(), item.label())), 1));
                return model;
            });
        }

        /** As enrichment assigns them: confidence at least {@code minConfidence} and {@code minLift} times chance. */
        List<TaxonomyModel.Prediction> assignable(Item item, double scale, double minConfidence, double minLift) {
            List<TaxonomyModel.Prediction> predictions = predict(item, scale);
            double threshold = Math.max(minConfidence, minLift / Math.max(1, naiveBayes.categories().size()));
            return predictions.stream().filter(prediction -> prediction.confidence() >= threshold).toList();
        }
    }

    /** Trains on {@code train}, scores {@code test} once; {@code scale} is the one chosen on dev. */
    void test(String name, List<Item> train, List<Item> test, double scale, double minConfidence, double minLift) {
        Map<String, Function<Item, String>> methods = methods(train);
        List<String> actual = test.stream().map(Item::label).toList();
        System.out.printf(Locale.ROOT, "%n%s test half: %d articles, trained on %d (%d categories)%n", name, test.size(),
                train.size(), actual.stream().distinct().count());
        System.out.printf(Locale.ROOT, "%-14s %8s %8s%n", "method", "accuracy", "macro-F1");
        methods.forEach((method, predict) -> {
            if (!method.startsWith("nb+e5@") || method.equals(scaled(scale))) {
                Evaluation result = Evaluation.of(actual, test.stream().map(predict).toList());
                System.out.printf(Locale.ROOT, "%-14s %8.3f %8.3f%n", method, result.accuracy(), result.macroF1());
            }
        });
        if (scale > 0 && embeddings != null) {
            differences(test, methods.get("nb"), methods.get(scaled(scale)), scaled(scale));
        }
        for (double s : new double[] {0, scale}) {
            if (s == scale && (scale == 0 || embeddings == null)) {
                continue;
            }
            Trained trained = new Trained(train);
            int none = 0;
            int assigned = 0;
            int correct = 0;
            long started = System.nanoTime();
            for (Item item : test) {
                List<TaxonomyModel.Prediction> kept = trained.assignable(item, s, minConfidence, minLift);
                none += kept.isEmpty() ? 1 : 0;
                assigned += kept.size();
                correct += (int) kept.stream().filter(prediction -> prediction.code().equals(item.label())).count();
            }
            double micros = (System.nanoTime() - started) / 1000.0 / test.size();
            System.out.printf(Locale.ROOT, "%-14s as enrichment assigns (min-confidence %.2f, %.1f times chance): %d of %d get none, "
                    + "%d assigned, %.3f correct; %.0f µs per prediction (embedding not counted)%n", s == 0 ? "nb" : scaled(s),
                    minConfidence, minLift, none, test.size(), assigned, assigned == 0 ? 0 : (double) correct / assigned, micros);
        }
    }

    /** The test articles on which Naive Bayes and the combination disagree, and the combination's most frequent errors. */
    private static void differences(List<Item> test, Function<Item, String> naiveBayes, Function<Item, String> combined, String name) {
        Map<String, Integer> errors = new LinkedHashMap<>();
        for (Item item : test) {
            String before = naiveBayes.apply(item);
            String after = combined.apply(item);
            if (after == null || !after.equals(item.label())) {
                errors.merge(item.label() + " -> " + after, 1, Integer::sum);
            }
            if (after != null && !after.equals(before) && (item.label().equals(before) || item.label().equals(after))) {
                System.out.printf(Locale.ROOT, "  %s %s (nb %s, %s %s): %s%n", item.label().equals(after) ? "won " : "lost",
                        item.label(), before, name, after, item.article().title());
            }
        }
        System.out.printf(Locale.ROOT, "  errors of %s (actual -> predicted, count): %s%n", name, errors.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .map(entry -> entry.getKey() + " " + entry.getValue()).toList());
    }

    private Map<String, Function<Item, String>> methods(List<Item> train) {
        Map<String, Function<Item, String>> methods = new LinkedHashMap<>();
        Trained trained = new Trained(train);
        methods.put("nb", item -> first(trained.predict(item, 0)));
        if (embeddings != null) {
            for (double scale : SCALES) {
                if (scale > 0) {
                    methods.put(scaled(scale), item -> first(trained.predict(item, scale)));
                }
            }
            methods.put("e5-centroid", item -> best(trained.centroids(), centroid -> cosine(centroid, toDouble(item.vector()))));
        }
        TfIdf tfIdf = new TfIdf(train);
        methods.put("tfidf-centroid", item -> best(tfIdf.centroids, centroid -> cosine(centroid, tfIdf.vector(item.frequencies()))));
        Map<String, Set<String>> names = new HashMap<>();
        train.forEach(item -> names.computeIfAbsent(item.label(), label -> new HashSet<>(text.terms(label.replace('/', ' ')))));
        methods.put("label-match", item -> {
            String best = best(names, terms -> terms.stream().mapToDouble(term -> item.frequencies().getOrDefault(term, 0)).sum());
            return best != null && names.get(best).stream().anyMatch(item.frequencies()::containsKey) ? best : null;
        });
        return methods;
    }

    static String scaled(double scale) {
        return String.format(Locale.ROOT, "nb+e5@%.0f", scale);
    }

    private static String first(List<TaxonomyModel.Prediction> predictions) {
        return predictions.isEmpty() ? null : predictions.get(0).code();
    }

    private static <T> String best(Map<String, T> candidates, Function<T, Double> score) {
        return candidates.entrySet().stream().max(Comparator.comparingDouble(entry -> score.apply(entry.getValue())))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** TF-IDF vectors (idf over the training articles), a category's centroid the sum of its unit vectors. */
    private static final class TfIdf {

        private final Map<String, Double> idf = new HashMap<>();
        private final double unknownIdf;
        private final Map<String, Map<String, Double>> centroids = new HashMap<>();

        TfIdf(List<Item> train) {
            Map<String, Integer> df = new HashMap<>();
            train.forEach(item -> item.frequencies().keySet().forEach(term -> df.merge(term, 1, Integer::sum)));
            df.forEach((term, count) -> idf.put(term, Math.log((1.0 + train.size()) / (1.0 + count)) + 1));
            unknownIdf = Math.log(1.0 + train.size()) + 1;
            train.forEach(item -> vector(item.frequencies()).forEach((term, weight) ->
                    centroids.computeIfAbsent(item.label(), ignored -> new HashMap<>()).merge(term, weight, Double::sum)));
        }

        Map<String, Double> vector(Map<String, Integer> frequencies) {
            Map<String, Double> vector = new HashMap<>();
            frequencies.forEach((term, f) -> vector.put(term, (1 + Math.log(f)) * idf.getOrDefault(term, unknownIdf)));
            double norm = Math.sqrt(vector.values().stream().mapToDouble(w -> w * w).sum());
            vector.replaceAll((term, weight) -> weight / norm);
            return vector;
        }
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        double dot = 0;
        for (Map.Entry<String, Double> entry : b.entrySet()) {
            dot += entry.getValue() * a.getOrDefault(entry.getKey(), 0.0);
        }
        double norm = Math.sqrt(a.values().stream().mapToDouble(w -> w * w).sum());
        return norm == 0 ? 0 : dot / norm;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            norm += a[i] * a[i];
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }

    private static void add(double[] sum, float[] vector) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += vector[i];
        }
    }

    private static double[] toDouble(float[] vector) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i];
        }
        return result;
    }
}
