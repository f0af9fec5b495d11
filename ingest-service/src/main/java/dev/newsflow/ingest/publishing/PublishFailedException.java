package dev.newsflow.ingest.publishing;

/** Kafka did not acknowledge an article in time; it must not be reported as accepted. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String articleId, Throwable cause) {
        super("Kafka did not acknowledge article " + articleId, cause);
    }
}
