package dev.newsflow.enrichment;

import java.time.Instant;

import dev.newsflow.enrichment.delivery.BrokerUnavailableException;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Enriched events as records of the enriched topic (CloudEvents headers, the article id as key): returned by the
 * bindings, or sent through {@link StreamBridge} by what no record started (related-post updates, withdrawals' side
 * effects, embargoes ending).
 */
@Component
class EnrichedEvents {

    /** The output binding of {@code enrichArticle}: synchronous sends to the enriched topic. */
    static final String OUTPUT = "enrichArticle-out-0";

    private final StreamBridge output;
    private final String source;

    EnrichedEvents(StreamBridge output, EnrichmentProperties properties) {
        this.output = output;
        this.source = properties.source();
    }

    Message<ArticleEnriched> message(ArticleEnriched event, Instant time) {
        return MessageBuilder.withPayload(event)
                .copyHeaders(EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED, source, event.articleId(), time))
                .setHeader(KafkaHeaders.KEY, event.articleId())
                .build();
    }

    /**
     * Sends {@code event} now, waiting for the broker's acknowledgement (the binding is synchronous).
     *
     * @throws BrokerUnavailableException if the broker did not take it (retried until it does)
     */
    void send(ArticleEnriched event, Instant time) {
        if (!output.send(OUTPUT, message(event, time))) {
            throw new BrokerUnavailableException("The enriched event of article " + event.articleId() + " was not sent");
        }
    }
}
