package dev.newsflow.publish.stream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.publish.ArticleView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The {@code articleFeed} binding: every enriched article this instance consumes is fanned out to all current
 * stream subscribers. The sink is best-effort: a subscriber that has no demand misses the article instead of
 * slowing the Kafka consumer or the other subscribers.
 */
@Component("articleFeed")
public class ArticleFeed implements Consumer<ArticleEnriched> {

    private static final Logger log = LoggerFactory.getLogger(ArticleFeed.class);

    private final Sinks.Many<ArticleView> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter published;

    ArticleFeed(MeterRegistry meters) {
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
}
