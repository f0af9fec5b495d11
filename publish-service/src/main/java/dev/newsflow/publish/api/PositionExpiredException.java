package dev.newsflow.publish.api;

/** A stream was asked to resume {@code since} a position whose following events are no longer kept. */
class PositionExpiredException extends RuntimeException {

    private final String since;

    PositionExpiredException(String since) {
        super("The events after " + since + " are no longer kept (older than the stream retention); read the articles "
                + "with GET /api/articles, then open the stream without since.");
        this.since = since;
    }

    String since() {
        return since;
    }
}
