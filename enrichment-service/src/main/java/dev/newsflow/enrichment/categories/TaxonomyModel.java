package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multinomial Naive Bayes classifier over TF-IDF features for one taxonomy (the IPTC Media Topics as publishers
 * code them, or one publisher's own categories), trained incrementally: every labelled article adds its features to the counts of
 * its categories, and a replaced or corrected example is subtracted again ({@link #apply}).
 *
 * <p><b>Training features.</b> An article's term frequencies {@code f} (headline counted twice) become
 * {@code 1 + ln f} per term, L2-normalised, so that long articles do not outweigh short ones. For category
 * {@code c} the model keeps, per term, the sum {@code W(c,t)} of these weights over the category's examples, their
 * total {@code W(c)}, the number of examples {@code N(c)}, and per term its document frequency {@code df(t)}.
 *
 * <p><b>Prediction.</b> The article's TF-IDF vector {@code x(t) = (1 + ln f) · idf(t)}, with
 * {@code idf(t) = ln((1 + N) / (1 + df(t))) + 1} (terms the model does not know get the largest idf), is
 * L2-normalised over all its terms and scaled by {@code evidence}. The score of category {@code c} is
 * <pre>ln((N(c) + 1) / (Σ N + C)) + Σ_t x(t) · ln((W(c,t) + α) / (W(c) + α·V))</pre>
 * summed over the terms the model knows ({@code V} of them), and confidences are the softmax of the scores.
 * Because the vector is normalised over <em>all</em> the article's terms, a few known words in a long article are
 * weak evidence and give a flat distribution; {@code evidence} sets how sharp a clear article's distribution is.
 *
 * <p><b>Embeddings.</b> If examples come with the article's unit embedding vector {@code e} (e5-small-v2, the one the
 * IPTC classifier computes), each category also keeps their sum {@code S(c)} and number {@code M(c)}, and an article
 * predicted with its vector {@code v} adds {@code embeddingScale · cos(v, S(c))} to every score: Naive Bayes and a
 * nearest-centroid classifier in one softmax. Only while every category has a centroid; otherwise, and without a
 * vector, the model is pure Naive Bayes.
 *
 * <p><b>Bounded memory.</b> At most {@code maxVocabulary} terms are kept: once full, new terms are ignored (first
 * come, first kept). A term costs about 150 bytes plus 8 per category: 100,000 terms of 20 categories measured
 * 31 MB of heap (benchmarks module).
 *
 * <p>Thread-safe: all methods synchronise on the model.
 */
public final class TaxonomyModel {

    /** A category of the taxonomy: its stable code and its (latest) label. */
    public record Label(String code, String label) {
    }

    /** A predicted category. */
    public record Prediction(String code, String label, double confidence) {
    }

    /**
     * Smoothing and sharpness settings.
     *
     * @param embeddingScale logit per unit of cosine to a category's embedding centroid (0: Naive Bayes alone)
     */
    public record Settings(double alpha, double evidence, int maxVocabulary, double embeddingScale) {

        /**
         * Alpha and evidence chosen by cross-validation on the shipped sample ({@code samples/categories}); the
         * embedding scale by cross-validation within the blind sets' dev halves (benchmarks' {@code category-evaluation}).
         */
        public static final Settings DEFAULTS = new Settings(0.05, 1.0, 100_000, EMBEDDING_SCALE);

        /** Naive Bayes settings with the default embedding scale. */
        public Settings(double alpha, double evidence, int maxVocabulary) {
            this(alpha, evidence, maxVocabulary, EMBEDDING_SCALE);
        }
    }

    static final double EMBEDDING_SCALE = 100;

    private static final class Term {
        double documentFrequency;
        double[] weights = new double[0];

        double weight(int category) {
            return category < weights.length ? Math.max(0, weights[category]) : 0;
        }

        boolean isEmpty() {
            for (double weight : weights) {
                if (weight > 1e-9) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Settings settings;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Label> labels = new ArrayList<>();
    private double[] examples = new double[0];
    private double[] totals = new double[0];
    private double[][] vectorSums = new double[0][];
    private double[] vectorCounts = new double[0];
    private final Map<String, Term> terms = new HashMap<>();
    private double documents;

    public TaxonomyModel(Settings settings) {
        this.settings = settings;
    }

    /** Training features of an article: {@code 1 + ln f} per term, L2-normalised. */
    public static Map<String, Double> features(Map<String, Integer> termFrequencies) {
        Map<String, Double> features = new LinkedHashMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> entry : termFrequencies.entrySet()) {
            double weight = 1 + Math.log(entry.getValue());
            features.put(entry.getKey(), weight);
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        features.replaceAll((term, weight) -> weight / length);
        return features;
    }

    /**
     * Adds ({@code sign} +1) or removes ({@code sign} -1) one example with {@code features} labelled
     * {@code categories}.
     *
     * @return the features that were applied: all of them, minus new terms once the vocabulary is full
     */
    public Map<String, Double> apply(Map<String, Double> features, List<Label> categories, int sign) {
        return apply(features, null, categories, sign);
    }

    /**
     * As {@link #apply(Map, List, int)}, and adds or removes the article's unit embedding {@code vector} (may be null)
     * to or from the categories' centroids.
     */
    public synchronized Map<String, Double> apply(Map<String, Double> features, float[] vector, List<Label> categories,
            int sign) {
        if (categories.isEmpty()) {
            return Map.of();
        }
        int[] targets = categories.stream().mapToInt(this::category).toArray();
        documents += sign;
        for (int target : targets) {
            examples[target] += sign;
            if (vector != null) {
                double[] sum = vectorSum(target, vector.length);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += sign * (double) vector[i];
                }
                vectorCounts[target] += sign;
            }
        }
        Map<String, Double> applied = new LinkedHashMap<>();
        features.forEach((name, weight) -> {
            Term term = terms.get(name);
            if (term == null) {
                if (sign < 0 || terms.size() >= settings.maxVocabulary()) {
                    return;
                }
                term = new Term();
                terms.put(name, term);
            }
            term.documentFrequency += sign;
            for (int target : targets) {
                term.weights = ensure(term.weights, target);
                term.weights[target] += sign * weight;
                totals[target] += sign * weight;
            }
            if (term.documentFrequency <= 0 && term.isEmpty()) {
                // The last example with this term was taken back: it leaves the vocabulary.
                terms.remove(name);
            }
            applied.put(name, weight);
        });
        return applied;
    }

    /**
     * Adds the stored counts of one term ({@code weights} by category code), as read back from MongoDB. Categories
     * must have been added with {@link #addCategory} first.
     */
    public synchronized void addTerm(String name, double documentFrequency, Map<String, Double> weights) {
        if (documentFrequency <= 0 || !terms.containsKey(name) && terms.size() >= settings.maxVocabulary()) {
            return;
        }
        Term term = terms.computeIfAbsent(name, ignored -> new Term());
        term.documentFrequency += documentFrequency;
        weights.forEach((code, weight) -> {
            Integer category = index.get(code);
            if (category != null) {
                term.weights = ensure(term.weights, category);
                term.weights[category] += weight;
            }
        });
    }

    /** Adds a category's stored totals: its number of examples and the sum of their feature weights. */
    public synchronized void addCategory(Label label, double categoryExamples, double weightTotal) {
        int category = category(label);
        examples[category] += categoryExamples;
        totals[category] += weightTotal;
    }

    /** Adds a category's stored embedding centroid: the sum of its examples' vectors and their number. */
    public synchronized void addCentroid(String code, double[] sum, double count) {
        Integer category = index.get(code);
        if (category == null || sum.length == 0) {
            return;
        }
        double[] target = vectorSum(category, sum.length);
        for (int i = 0; i < target.length; i++) {
            target[i] += sum[i];
        }
        vectorCounts[category] += count;
    }

    /** A copy of the sum of the embedding vectors of {@code code}'s examples, empty if it has none. */
    public synchronized double[] centroidSum(String code) {
        Integer category = index.get(code);
        return category == null || category >= vectorSums.length || vectorSums[category] == null ? new double[0]
                : vectorSums[category].clone();
    }

    /** Adds to the number of training documents (stored separately, as an example may have several categories). */
    public synchronized void addDocuments(double count) {
        documents += count;
    }

    /** Categories by decreasing confidence; empty if the model has no categories or knows none of the terms. */
    public List<Prediction> predict(Map<String, Integer> termFrequencies) {
        return predict(termFrequencies, null);
    }

    /** As {@link #predict(Map)}, with the article's unit embedding {@code vector} (may be null) if the model has centroids. */
    public synchronized List<Prediction> predict(Map<String, Integer> termFrequencies, float[] vector) {
        int count = labels.size();
        if (count == 0 || termFrequencies.isEmpty()) {
            return List.of();
        }
        double unknownIdf = Math.log(1 + Math.max(0, documents)) + 1;
        double norm = 0;
        List<Term> known = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : termFrequencies.entrySet()) {
            Term term = terms.get(entry.getKey());
            double idf = term == null ? unknownIdf
                    : Math.log((1 + Math.max(0, documents)) / (1 + Math.max(0, term.documentFrequency))) + 1;
            double weight = (1 + Math.log(entry.getValue())) * idf;
            norm += weight * weight;
            if (term != null) {
                known.add(term);
                weights.add(weight);
            }
        }
        if (known.isEmpty()) {
            return List.of();
        }
        double scale = settings.evidence() / Math.sqrt(norm);
        double alpha = settings.alpha();
        double allExamples = 0;
        for (double value : examples) {
            allExamples += Math.max(0, value);
        }
        double[] scores = new double[count];
        double[] denominators = new double[count];
        for (int category = 0; category < count; category++) {
            scores[category] = Math.log((Math.max(0, examples[category]) + 1) / (allExamples + count));
            denominators[category] = Math.log(Math.max(0, totals[category]) + alpha * terms.size());
        }
        for (int i = 0; i < known.size(); i++) {
            Term term = known.get(i);
            double weight = weights.get(i) * scale;
            for (int category = 0; category < count; category++) {
                scores[category] += weight * (Math.log(term.weight(category) + alpha) - denominators[category]);
            }
        }
        addCentroidScores(scores, vector);
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int category = 0; category < count; category++) {
            scores[category] = Math.exp(scores[category] - max);
            sum += scores[category];
        }
        List<Prediction> predictions = new ArrayList<>(count);
        for (int category = 0; category < count; category++) {
            Label label = labels.get(category);
            predictions.add(new Prediction(label.code(), label.label(), scores[category] / sum));
        }
        predictions.sort(Comparator.comparingDouble(Prediction::confidence).reversed());
        return predictions;
    }

    /**
     * The predictions an article is given: those with confidence at least {@code minConfidence} and at least
     * {@code minLiftOverChance} times chance (one over the number of categories). A prediction near chance says the
     * model cannot tell (an article about none of the publisher's categories, or too few known words): with three
     * categories, an even spread of about 0.33 each would otherwise pass a 0.3 threshold as three categories.
     */
    public List<Prediction> assignable(Map<String, Integer> termFrequencies, double minConfidence,
            double minLiftOverChance) {
        return assignable(termFrequencies, null, minConfidence, minLiftOverChance);
    }

    /** As {@link #assignable(Map, double, double)}, with the article's unit embedding {@code vector} (may be null). */
    public synchronized List<Prediction> assignable(Map<String, Integer> termFrequencies, float[] vector,
            double minConfidence, double minLiftOverChance) {
        double threshold = Math.max(minConfidence, minLiftOverChance / Math.max(1, labels.size()));
        return predict(termFrequencies, vector).stream().filter(prediction -> prediction.confidence() >= threshold).toList();
    }

    /** Adds {@code embeddingScale · cos(vector, S(c))} to each category's score, if every category has a centroid. */
    private void addCentroidScores(double[] scores, float[] vector) {
        if (vector == null || settings.embeddingScale() == 0 || vectorSums.length < scores.length) {
            return;
        }
        double[] cosines = new double[scores.length];
        for (int category = 0; category < scores.length; category++) {
            double[] sum = vectorSums[category];
            if (sum == null || sum.length != vector.length || vectorCounts[category] < 0.5) {
                return;
            }
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                dot += sum[i] * vector[i];
                norm += sum[i] * sum[i];
            }
            cosines[category] = norm > 0 ? dot / Math.sqrt(norm) : 0;
        }
        for (int category = 0; category < scores.length; category++) {
            scores[category] += settings.embeddingScale() * cosines[category];
        }
    }

    /** Number of terms kept. */
    public synchronized int vocabularySize() {
        return terms.size();
    }

    /** Number of training examples seen (net of removals). */
    public synchronized double documents() {
        return documents;
    }

    /** The categories this model knows, in the order they were first seen. */
    public synchronized List<Label> categories() {
        return List.copyOf(labels);
    }

    private int category(Label label) {
        Integer existing = index.get(label.code());
        if (existing != null) {
            labels.set(existing, label);
            return existing;
        }
        int category = labels.size();
        index.put(label.code(), category);
        labels.add(label);
        examples = ensure(examples, category);
        totals = ensure(totals, category);
        return category;
    }

    private double[] vectorSum(int category, int dimensions) {
        if (category >= vectorSums.length) {
            double[][] grown = new double[Math.max(category + 1, vectorSums.length * 2)][];
            System.arraycopy(vectorSums, 0, grown, 0, vectorSums.length);
            vectorSums = grown;
        }
        vectorCounts = ensure(vectorCounts, category);
        if (vectorSums[category] == null || vectorSums[category].length != dimensions) {
            vectorSums[category] = new double[dimensions];
        }
        return vectorSums[category];
    }

    private static double[] ensure(double[] array, int index) {
        if (index < array.length) {
            return array;
        }
        double[] grown = new double[Math.max(index + 1, array.length * 2)];
        System.arraycopy(array, 0, grown, 0, array.length);
        return grown;
    }
}
