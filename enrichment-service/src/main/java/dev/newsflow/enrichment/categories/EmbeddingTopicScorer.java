package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Scores an article against the IPTC topic descriptions by meaning, with an in-process sentence-embedding model
 * (e5-small-v2, quantised; inputs carry e5's {@code "query: "} prefix, as both sides are short texts compared with
 * each other).
 *
 * <p>Every subtopic is embedded once, at construction, as "topic: subtopic. definition. news words". An article is
 * embedded as at most {@code segments} pieces of about {@code segmentWords} words each: the headline with the lead
 * paragraphs, then pieces spread evenly over the rest of the body, so that a long article is read beyond the model's
 * 512-token window instead of being cut there silently, while the cost per article stays bounded. The article
 * vector is the weighted mean of the pieces' unit vectors, the headline-and-lead piece counting twice; a topic scores the mean cosine of its best {@code rollUp}
 * subtopics.
 *
 * <p>Thread-safe if the model is (ONNX Runtime sessions are).
 */
public final class EmbeddingTopicScorer {

    /**
     * @param segments at most this many pieces of an article are embedded
     * @param segmentWords about this many words per piece (e5 reads at most 512 tokens, about 380 words)
     * @param rollUp a topic's score is the mean cosine of its best this many subtopics
     */
    public record Settings(int segments, int segmentWords, int rollUp) {

        /** Chosen on the development split of the evaluation set (benchmarks' {@code categories} command). */
        public static final Settings DEFAULTS = new Settings(3, 64, 2);
    }

    static final String PREFIX = "query: ";
    static final float LEAD_WEIGHT = 2;

    private final EmbeddingModel model;
    private final Settings settings;
    private final List<List<float[]>> subtopics = new ArrayList<>();

    public EmbeddingTopicScorer(TopicDescriptions descriptions, EmbeddingModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        for (TopicDescriptions.Topic topic : descriptions.topics()) {
            List<float[]> vectors = new ArrayList<>();
            vectors.add(embed(topic.label() + ". " + topic.definition()));
            topic.subtopics().forEach(sub -> vectors.add(embed(topic.label() + ": " + sub.label() + ". " + sub.definition()
                    + ". " + sub.newsWords())));
            subtopics.add(List.copyOf(vectors));
        }
    }

    /** The similarity of the article to each topic (in {@link TopicDescriptions} order), cosines in [-1, 1]. */
    public double[] similarity(String title, String body) {
        return similarity(articleVector(title, body));
    }

    /**
     * The article's unit vector: the weighted mean of its pieces' vectors. Computed once per article and shared with
     * the learned publisher categories ({@link TaxonomyModel}), which keep per-category centroids of these vectors.
     */
    public float[] articleVector(String title, String body) {
        List<String> pieces = ArticleSegments.of(title, body, settings.segments(), settings.segmentWords());
        float[] article = null;
        for (String piece : pieces) {
            float[] vector = embed(piece);
            if (article == null) {
                // The headline and lead say what the article is about; the body pieces add to it, never outvote it.
                article = vector;
                for (int i = 0; i < article.length; i++) {
                    article[i] *= LEAD_WEIGHT;
                }
            }
            else {
                for (int i = 0; i < article.length; i++) {
                    article[i] += vector[i];
                }
            }
        }
        normalise(article);
        return article;
    }

    /** The similarity of an article's vector ({@link #articleVector}) to each topic. */
    public double[] similarity(float[] article) {
        double[] similarity = new double[subtopics.size()];
        for (int topic = 0; topic < subtopics.size(); topic++) {
            List<float[]> vectors = subtopics.get(topic);
            double[] cosines = new double[vectors.size()];
            for (int sub = 0; sub < vectors.size(); sub++) {
                cosines[sub] = dot(article, vectors.get(sub));
            }
            similarity[topic] = LexicalTopicScorer.meanOfBest(cosines, settings.rollUp());
        }
        return similarity;
    }

    private float[] embed(String text) {
        float[] vector = model.embed(PREFIX + text).content().vector().clone();
        normalise(vector);
        return vector;
    }

    private static void normalise(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.max(norm, 1e-12);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
