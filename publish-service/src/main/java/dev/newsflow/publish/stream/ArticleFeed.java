package dev.newsflow.publish.stream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The {@code articleFeed} binding: every enriched article this instance consumes is fanned out to all current
 * stream subscribers. The sink never waits: each subscriber has its own bounded buffer ({@link #subscribe}), so a slow
 * one cannot slow the Kafka consumer or the other subscribers.
 */
@Component("articleFeed")
public class ArticleFeed implements Consumer<ArticleEnriched> {

    private static final Logger log = LoggerFactory.getLogger(ArticleFeed.class);

    private final Sinks.Many<ArticleView> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter published;
    private final Counter overflows;
    private final int buffer;

    ArticleFeed(MeterRegistry meters, PublishProperties properties) {
        this.buffer = properties.stream().buffer();
        this.overflows = Counter.builder("newsflow.stream.overflows")
                .description("Stream subscribers disconnected because they fell too far behind")
                .register(meters);
        this.published = Counter.builder("newsflow.articles.published")
                .description("Enriched articles received from Kafka and fanned out to stream subscribers")
                .register(meters);
        Gauge.builder("newsflow.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Open SSE and NDJSON stream subscriptions")
                .register(meters);
    }

    @Override
    public void accept(ArticleEnriched article) {
        published.increment();
        // One consumer thread emits, so the sink never sees concurrent emissions; no subscribers is fine.
        Sinks.EmitResult result = sink.tryEmitNext(ArticleView.of(article));
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            log.warn("Article {} version {} not streamed: {}", article.articleId(), article.version(), result);
        }
        else {
            log.info("Streamed article {} version {} to {} subscribers", article.articleId(), article.version(),
                    subscribers.get());
        }
    }

    /** Articles as they are enriched, from the moment of subscription. */
    public Flux<ArticleView> live() {
        return sink.asFlux()
                .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                .doFinally(signal -> subscribers.decrementAndGet());
    }

    /** What one subscriber receives: an article, or the notice that ends a subscription that fell behind. */
    public sealed interface FeedEvent {

        /** An article that matches the subscriber's filter. */
        record Article(ArticleView article) implements FeedEvent {
        }

        /** The last event of a subscription whose buffer overflowed. */
        record Overflow(String reason) implements FeedEvent {
        }
    }

    /**
     * The articles matching {@code filter}, from the moment of subscription. A subscriber that does not keep up
     * has up to {@code buffer} events held for it; one more and its subscription ends with {@link FeedEvent.Overflow}
     * (after what was buffered), without slowing the consumer or the other subscribers.
     */
    public Flux<FeedEvent> subscribe(StreamFilter filter) {
        return live()
                .filter(filter)
                .<FeedEvent>map(FeedEvent.Article::new)
                .onBackpressureBuffer(buffer)
                .onErrorResume(Exceptions::isOverflow, overflow -> {
                    overflows.increment();
                    log.warn("A stream subscriber fell more than {} events behind and is disconnected", buffer);
                    return Flux.just(new FeedEvent.Overflow("More than " + buffer
                            + " events were waiting for this subscriber; reconnect (with the id of the last event received) to continue."));
                });
    }
}
