package dev.newsflow.enrichment.delivery;

/**
 * The broker did not take an event this service sends. The record that led to it is retried until the broker takes
 * it (a half-applied withdrawal is completed, not dead-lettered).
 */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
