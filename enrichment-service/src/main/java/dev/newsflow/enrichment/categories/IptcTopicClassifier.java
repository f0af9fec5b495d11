package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * IPTC Media Topics for any English article, out of the box: no publisher has to have labelled anything.
 *
 * <p>Two scorers read the shipped topic descriptions ({@link TopicDescriptions}): {@link LexicalTopicScorer} by
 * their words and, if enabled, {@link EmbeddingTopicScorer} by meaning. Their scores become one logit per topic,
 * <pre>z(T) = embeddingScale · cos(T) + lexicalScale · share(T) + prior(T)</pre>
 * where {@code share(T)} is the topic's part of the article's lexical evidence (so it does not grow with the
 * article's length) and {@code prior(T)} a small per-topic offset, and the confidences are the softmax of the logits.
 * The scales and priors were fitted on the dev halves of our evaluation sets by maximum likelihood, which is what
 * makes a confidence of 0.7 right about 70% of the time there (the benchmarks' {@code iptc-evaluation} command prints
 * the reliability curve). Without the embedding model the lexical share alone is used, with its own scale.
 *
 * <p>Thread-safe.
 */
public final class IptcTopicClassifier {

    /**
     * @param embeddingScale logit per unit of cosine similarity
     * @param lexicalScale logit per unit of lexical evidence share, beside the embeddings
     * @param lexicalOnlyScale logit per unit of lexical evidence share, without embeddings
     * @param priors logit added to a topic (by code) beside the embeddings: how much more or less often news is filed
     *        under it than the descriptions alone say (absent codes add nothing)
     */
    public record Calibration(double embeddingScale, double lexicalScale, double lexicalOnlyScale, Map<String, Double> priors) {

        /**
         * Fitted on the dev halves (our dev split and the blind sets' dev halves) by maximum likelihood (benchmarks'
         * {@code iptc-evaluation --fit}); the priors with an L2 penalty, so none is worth more than a little evidence.
         * Fitted with one set left out, the priors of the other two kept or raised the left-out set's top-1.
         */
        public static final Calibration DEFAULTS = new Calibration(100, 12, 28, Map.ofEntries(
                Map.entry("medtop:01000000", 0.48), Map.entry("medtop:02000000", -0.38), Map.entry("medtop:03000000", -0.15),
                Map.entry("medtop:04000000", 0.33), Map.entry("medtop:05000000", -0.02), Map.entry("medtop:06000000", -0.23),
                Map.entry("medtop:07000000", -0.23), Map.entry("medtop:08000000", 0.26), Map.entry("medtop:09000000", -0.61),
                Map.entry("medtop:10000000", 0.37), Map.entry("medtop:11000000", 0.20), Map.entry("medtop:12000000", 0.32),
                Map.entry("medtop:13000000", 0.40), Map.entry("medtop:14000000", -0.12), Map.entry("medtop:15000000", -0.05),
                Map.entry("medtop:16000000", -0.52), Map.entry("medtop:17000000", -0.05)));

        public Calibration {
            priors = Map.copyOf(priors);
        }

        /** Scales without priors. */
        public Calibration(double embeddingScale, double lexicalScale, double lexicalOnlyScale) {
            this(embeddingScale, lexicalScale, lexicalOnlyScale, Map.of());
        }

        /** These scales with other priors. */
        public Calibration withPriors(Map<String, Double> other) {
            return new Calibration(embeddingScale, lexicalScale, lexicalOnlyScale, other);
        }
    }

    /** The raw scores of one article: cosines per topic (null without embeddings) and lexical evidence per topic. */
    public record Scores(double[] similarity, double[] evidence) {
    }

    private final TopicDescriptions descriptions;
    private final LexicalTopicScorer lexical;
    private final EmbeddingTopicScorer embeddings;
    private final Calibration calibration;

    /** {@code embeddings} may be null: the lexical scorer alone then decides. */
    public IptcTopicClassifier(TopicDescriptions descriptions, LexicalTopicScorer lexical, EmbeddingTopicScorer embeddings,
            Calibration calibration) {
        this.descriptions = descriptions;
        this.lexical = lexical;
        this.embeddings = embeddings;
        this.calibration = calibration;
    }

    public boolean usesEmbeddings() {
        return embeddings != null;
    }

    /** Every topic, most confident first; confidences sum to 1. */
    public List<TaxonomyModel.Prediction> predict(String title, String body, Map<String, Integer> termFrequencies) {
        return predictions(scores(title, body, termFrequencies));
    }

    /** The article's unit embedding vector, or null without embeddings: computed once, read by several models. */
    public float[] articleVector(String title, String body) {
        return embeddings == null ? null : embeddings.articleVector(title, body);
    }

    /** As {@link #predict(String, String, Map)}, from the article's {@link #articleVector} (null: by words alone). */
    public List<TaxonomyModel.Prediction> predict(float[] articleVector, Map<String, Integer> termFrequencies) {
        return predictions(new Scores(embeddings == null || articleVector == null ? null : embeddings.similarity(articleVector),
                lexical.evidence(termFrequencies)));
    }

    public Scores scores(String title, String body, Map<String, Integer> termFrequencies) {
        return new Scores(embeddings == null ? null : embeddings.similarity(title, body), lexical.evidence(termFrequencies));
    }

    /** Calibrated predictions from raw scores. */
    public List<TaxonomyModel.Prediction> predictions(Scores scores) {
        return predictions(scores, calibration);
    }

    /** Calibrated predictions from raw scores with other scales (used to fit them). */
    public List<TaxonomyModel.Prediction> predictions(Scores scores, Calibration with) {
        double[] logits = logits(scores, with);
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        List<TaxonomyModel.Prediction> predictions = new ArrayList<>(logits.length);
        for (int i = 0; i < logits.length; i++) {
            TopicDescriptions.Topic topic = descriptions.topics().get(i);
            predictions.add(new TaxonomyModel.Prediction(topic.code(), topic.label(), logits[i] / sum));
        }
        predictions.sort(Comparator.comparingDouble(TaxonomyModel.Prediction::confidence).reversed());
        return predictions;
    }

    private double[] logits(Scores scores, Calibration with) {
        double[] evidence = scores.evidence();
        double total = 0;
        for (double value : evidence) {
            total += value;
        }
        double[] logits = new double[evidence.length];
        for (int i = 0; i < logits.length; i++) {
            double share = total > 0 ? evidence[i] / total : 0;
            logits[i] = scores.similarity() == null ? with.lexicalOnlyScale() * share
                    : with.embeddingScale() * scores.similarity()[i] + with.lexicalScale() * share
                            + with.priors().getOrDefault(descriptions.topics().get(i).code(), 0.0);
        }
        return logits;
    }
}
