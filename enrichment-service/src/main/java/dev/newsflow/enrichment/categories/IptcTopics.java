package dev.newsflow.enrichment.categories;

import java.util.List;
import java.util.Map;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.text.ArticleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The service's zero-shot IPTC classifier ({@link IptcTopicClassifier}), built once at start-up: with the embedding
 * model unless {@code newsflow.enrichment.categories.embeddings} is false, in which case the lexical scorer alone
 * decides (start-up is then instant and the model's ~100 MB of native memory are not used).
 */
@Component
class IptcTopics {

    private static final Logger log = LoggerFactory.getLogger(IptcTopics.class);

    private final TopicDescriptions descriptions = TopicDescriptions.load();
    private final IptcTopicClassifier classifier;

    IptcTopics(ArticleText text, EnrichmentProperties properties) {
        long started = System.nanoTime();
        boolean embeddings = properties.categories().embeddings();
        classifier = new IptcTopicClassifier(descriptions,
                new LexicalTopicScorer(descriptions, text, LexicalTopicScorer.Settings.DEFAULTS),
                embeddings ? new EmbeddingTopicScorer(descriptions, EmbeddingModels.e5SmallV2Quantized(),
                        EmbeddingTopicScorer.Settings.DEFAULTS) : null,
                IptcTopicClassifier.Calibration.DEFAULTS);
        log.info("IPTC topic classifier ready in {} ms ({})", (System.nanoTime() - started) / 1_000_000,
                embeddings ? "embeddings and words" : "words only: embeddings are switched off");
    }

    /** The top-level labels by code. */
    Map<String, String> labels() {
        return descriptions.labels();
    }

    /** Every topic, most confident first. */
    List<TaxonomyModel.Prediction> predict(String title, String body, Map<String, Integer> termFrequencies) {
        return classifier.predict(title, body, termFrequencies);
    }

    /** The article's unit e5 vector, or null when embeddings are switched off. */
    float[] articleVector(String title, String body) {
        return classifier.articleVector(title, body);
    }

    /** Every topic, most confident first, from the article's {@link #articleVector}. */
    List<TaxonomyModel.Prediction> predict(float[] articleVector, Map<String, Integer> termFrequencies) {
        return classifier.predict(articleVector, termFrequencies);
    }
}
