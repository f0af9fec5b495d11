package dev.newsflow.ingest.api;

import org.springframework.http.HttpStatus;

/** A page whose bytes cannot be read as text: not in its declared charset, not UTF-8, or in a charset we lack. */
class UnreadablePageException extends RuntimeException {

    private final HttpStatus status;

    UnreadablePageException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
