package dev.newsflow.enrichment.delivery;

/**
 * MongoDB did not answer in time or could not be reached. The record is retried until it can be stored, and the
 * partition waits: skipping it would lose the article.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
