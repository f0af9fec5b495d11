package dev.newsflow.publish.stream;

import java.time.Instant;

import dev.newsflow.events.ArticleEnriched;

/**
 * One record of the enriched-article topic as the event log holds it: its place in the topic, when it was logged,
 * and the article, or {@code null} for a record that is not a valid event (logged all the same, so that the log has
 * every offset and a gap in it means events that expired).
 */
record LoggedEvent(int partition, long offset, Instant storedAt, ArticleEnriched article) {
}
