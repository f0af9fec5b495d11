package dev.newsflow.benchmarks.categories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsflow.enrichment.categories.TaxonomyModel;

/**
 * Articles about a subject the publisher has no category for: each category of a set is left out of training in turn,
 * and every open-set rule is scored on the same predictions of enrichment's own model (Naive Bayes + e5 centroids,
 * as enrichment assigns them). On the known categories: accuracy (the best category is assigned and right),
 * precision of what is assigned, articles left without a category; on the left-out one: the share of its articles
 * still given a (necessarily wrong) category.
 *
 * <p>A rule takes back an assigned category whose e5 centroid is too far from the article: the cosine {@code cos(v, S(c))}
 * below an absolute cut, below the category's mean cosine of its own examples ({@code |S(c)| / M(c)}, exact from
 * the sums the model already keeps) minus a margin, or below a low percentile of its examples' cosines.
 *
 * <p>{@code dev}: {@link LearnedCategoryComparison#FOLDS}-fold cross-validation within the training half (fold by
 * category, as the comparison does), the left-out category removed from the training folds. {@code test}: trained on
 * the whole training half minus the left-out category, scored on the test half once.
 */
final class OpenSetEvaluation {

    /** How far an assigned category's centroid may be from the article. */
    interface Rule {
        boolean keeps(double cosine, Centroid centroid, double naiveBayes);
    }

    /** A category's training vectors: their sum, number, and their sorted cosines to the sum. */
    record Centroid(double[] sum, double norm, int count, double[] cosines) {

        double meanCosine() {
            return norm / count;
        }

        double percentile(double p) {
            return cosines[(int) Math.floor(p * (cosines.length - 1))];
        }

        double cosine(float[] vector) {
            double dot = 0;
            for (int i = 0; i < sum.length; i++) {
                dot += sum[i] * vector[i];
            }
            return norm == 0 ? 0 : dot / norm;
        }
    }

    /** Pooled counts of one rule on one set. */
    static final class Counts {
        int known;
        int knownRight;
        int knownNone;
        int assigned;
        int assignedRight;
        int unknown;
        int unknownGiven;

        double accuracy() {
            return known == 0 ? 0 : (double) knownRight / known;
        }

        double unknownShare() {
            return unknown == 0 ? 0 : (double) unknownGiven / unknown;
        }

        String row() {
            return String.format(Locale.ROOT, "%8.3f %9.3f %6d/%-5d %7d/%-5d %6.3f", accuracy(),
                    assigned == 0 ? 0 : (double) assignedRight / assigned, knownNone, known, unknownGiven, unknown, unknownShare());
        }
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final double minConfidence;
    private final double minLift;

    OpenSetEvaluation(double minConfidence, double minLift) {
        this.minConfidence = minConfidence;
        this.minLift = minLift;
        rules.put("as is", (cosine, centroid, naiveBayes) -> true);
        for (double cut : new double[] {0.80, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90}) {
            rules.put(String.format(Locale.ROOT, "cos>=%.2f", cut), (cosine, centroid, naiveBayes) -> cosine >= cut);
        }
        for (double margin : new double[] {0.02, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06}) {
            rules.put(String.format(Locale.ROOT, "cos>=mean-%.3f", margin),
                    (cosine, centroid, naiveBayes) -> cosine >= centroid.meanCosine() - margin);
        }
        for (double p : new double[] {0.02, 0.10}) {
            rules.put(String.format(Locale.ROOT, "cos>=p%.0f", p * 100),
                    (cosine, centroid, naiveBayes) -> cosine >= centroid.percentile(p));
        }
        // The centroid cut overruled by clear Naive Bayes evidence (its own confidence, without the centroids).
        for (double cut : new double[] {0.86, 0.87, 0.88}) {
            rules.put(String.format(Locale.ROOT, "cos>=%.2f|nb>=.9", cut),
                    (cosine, centroid, naiveBayes) -> cosine >= cut || naiveBayes >= 0.9);
        }
        for (double margin : new double[] {0.03, 0.04}) {
            rules.put(String.format(Locale.ROOT, "mean-%.2f|nb>=.9", margin),
                    (cosine, centroid, naiveBayes) -> cosine >= centroid.meanCosine() - margin || naiveBayes >= 0.9);
        }
    }

    /** Every rule's counts on one set, pooled over each category left out in turn. */
    Map<String, Counts> evaluate(List<LearnedCategoryComparison.Item> train, List<LearnedCategoryComparison.Item> test, boolean dev) {
        Map<String, Counts> results = new LinkedHashMap<>();
        rules.keySet().forEach(name -> results.put(name, new Counts()));
        List<String> categories = train.stream().map(LearnedCategoryComparison.Item::label).distinct().toList();
        int[] fold = new int[train.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            fold[i] = seen.merge(train.get(i).label(), 1, Integer::sum) % LearnedCategoryComparison.FOLDS;
        }
        for (String left : categories) {
            if (!dev) {
                score(train.stream().filter(item -> !item.label().equals(left)).toList(), test, left, results);
                continue;
            }
            for (int k = 0; k < LearnedCategoryComparison.FOLDS; k++) {
                List<LearnedCategoryComparison.Item> fit = new ArrayList<>();
                List<LearnedCategoryComparison.Item> held = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (fold[i] == k) {
                        held.add(train.get(i));
                    } else if (!train.get(i).label().equals(left)) {
                        fit.add(train.get(i));
                    }
                }
                score(fit, held, left, results);
            }
        }
        return results;
    }

    Map<String, Rule> rules() {
        return rules;
    }

    private void score(List<LearnedCategoryComparison.Item> fit, List<LearnedCategoryComparison.Item> held, String left,
            Map<String, Counts> results) {
        TaxonomyModel model = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        Map<String, List<float[]>> vectors = new HashMap<>();
        for (LearnedCategoryComparison.Item item : fit) {
            model.apply(TaxonomyModel.features(item.frequencies()), item.vector(),
                    List.of(new TaxonomyModel.Label(item.label(), item.label())), 1);
            vectors.computeIfAbsent(item.label(), ignored -> new ArrayList<>()).add(item.vector());
        }
        Map<String, Centroid> centroids = new HashMap<>();
        vectors.forEach((label, members) -> centroids.put(label, centroid(members)));
        for (LearnedCategoryComparison.Item item : held) {
            List<TaxonomyModel.Prediction> assigned = model.assignable(item.frequencies(), item.vector(), minConfidence, minLift);
            Map<String, Double> naiveBayes = new HashMap<>();
            model.predict(item.frequencies()).forEach(prediction -> naiveBayes.put(prediction.code(), prediction.confidence()));
            boolean known = !item.label().equals(left);
            rules.forEach((name, rule) -> {
                List<TaxonomyModel.Prediction> kept = assigned.stream().filter(prediction ->
                        rule.keeps(centroids.get(prediction.code()).cosine(item.vector()), centroids.get(prediction.code()),
                                naiveBayes.getOrDefault(prediction.code(), 0.0))).toList();
                Counts counts = results.get(name);
                if (known) {
                    counts.known++;
                    counts.knownNone += kept.isEmpty() ? 1 : 0;
                    counts.knownRight += !kept.isEmpty() && kept.get(0).code().equals(item.label()) ? 1 : 0;
                    counts.assigned += kept.size();
                    counts.assignedRight += (int) kept.stream().filter(prediction -> prediction.code().equals(item.label())).count();
                } else {
                    counts.unknown++;
                    counts.unknownGiven += kept.isEmpty() ? 0 : 1;
                }
            });
        }
    }

    private static Centroid centroid(List<float[]> members) {
        double[] sum = new double[members.get(0).length];
        members.forEach(vector -> {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += vector[i];
            }
        });
        double norm = Math.sqrt(Arrays.stream(sum).map(value -> value * value).sum());
        Centroid partial = new Centroid(sum, norm, members.size(), new double[0]);
        double[] cosines = members.stream().mapToDouble(partial::cosine).sorted().toArray();
        return new Centroid(sum, norm, members.size(), cosines);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-19s %8s %9s %12s %13s %6s", "rule", "accuracy", "precision", "known: none",
                "left out: got", "share");
    }
}
