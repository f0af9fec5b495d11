package dev.newsflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Kafka topic names of the contract, read from {@code newsflow-contract.properties} on the classpath
 * (the same file the services import into their Spring configuration).
 */
public final class ArticleTopics {

    /** Classpath resource holding the topic names; services import it with {@code spring.config.import}. */
    public static final String CONTRACT_RESOURCE = "newsflow-contract.properties";

    private static final Properties CONTRACT = load();

    /** Articles accepted by ingest-service; value {@link ArticleSubmitted}, key article id. */
    public static final String ARTICLE_SUBMITTED = CONTRACT.getProperty("newsflow.topics.article-submitted");

    /** Articles enriched and stored by enrichment-service; value {@link ArticleEnriched}, key article id. */
    public static final String ARTICLE_ENRICHED = CONTRACT.getProperty("newsflow.topics.article-enriched");

    /** Editors' category corrections accepted by publish-service; value {@link CategoriesCorrected}, key article id. */
    public static final String CATEGORY_CORRECTIONS = CONTRACT.getProperty("newsflow.topics.category-corrections");

    private static final String DEAD_LETTER_SUFFIX = CONTRACT.getProperty("newsflow.topics.dead-letter-suffix");

    private ArticleTopics() {
    }

    /** The dead-letter topic that receives the records of {@code topic} that could not be processed. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ArticleTopics.class.getClassLoader().getResourceAsStream(CONTRACT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT_RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }
}
