package dev.newsflow.enrichment.delivery;

/**
 * A record that can never be processed, however often it is retried: not JSON, not a valid event of the
 * contract, or of a schema version this service does not know. It goes to the dead-letter topic at once.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
