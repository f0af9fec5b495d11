package dev.newsflow.publish.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.publish.PublishProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** Fan-out to subscribers: a slow one is cut off after its buffer, the others get everything. */
class ArticleFeedTest {

    static final int BUFFER = 3;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ArticleFeed feed = new ArticleFeed(meters, new PublishProperties("/test", List.of(),
            new PublishProperties.Stream(BUFFER, Duration.ofSeconds(15))));

    @Test
    void aSubscriberThatFallsBehindGetsItsBufferThenAnOverflowEventWhileOthersGetEverything() {
        List<ArticleFeed.FeedEvent> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscription = feed.subscribe(StreamFilter.ALL).subscribe(fast::add);
        try {
            StepVerifier.create(feed.subscribe(StreamFilter.ALL), 0)
                    .then(() -> {
                        for (int i = 1; i <= 6; i++) {
                            feed.accept(article("a-" + i));
                        }
                    })
                    .thenRequest(100)
                    .expectNextMatches(event -> id(event).equals("a-1"))
                    .expectNextMatches(event -> id(event).equals("a-2"))
                    .expectNextMatches(event -> id(event).equals("a-3"))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(ArticleFeed.FeedEvent.Overflow.class,
                            overflow -> assertThat(overflow.reason()).contains("reconnect")))
                    .verifyComplete();

            assertThat(fast).extracting(ArticleFeedTest::id).containsExactly("a-1", "a-2", "a-3", "a-4", "a-5", "a-6");
            assertThat(meters.counter("newsflow.stream.overflows").count()).isEqualTo(1);
        }
        finally {
            fastSubscription.dispose();
        }
    }

    @Test
    void aFilteredSubscriberOnlyBuffersWhatItAskedFor() {
        StreamFilter sportOnly = new StreamFilter(List.of("sport"), null, null, null, null);
        StepVerifier.create(feed.subscribe(sportOnly), 0)
                .then(() -> {
                    for (int i = 1; i <= 10; i++) {
                        feed.accept(article("weather-" + i));
                    }
                    feed.accept(article("sport-1", "medtop:15000000", "sport"));
                })
                .thenRequest(1)
                .expectNextMatches(event -> id(event).equals("sport-1"))
                .thenCancel()
                .verify();
    }

    private static String id(ArticleFeed.FeedEvent event) {
        return event instanceof ArticleFeed.FeedEvent.Article article ? article.article().id() : "(overflow)";
    }

    private static ArticleEnriched article(String id) {
        return article(id, "medtop:17000000", "weather");
    }

    private static ArticleEnriched article(String id, String code, String label) {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, id, 1, "daily", null, null, "Title " + id, "Body", null, null,
                Instant.now(), "en", List.of(new CategoryAssignment(CategoryAssignment.IPTC, code, label, 0.9,
                CategoryAssignment.Origin.MODEL)), List.of(), List.of(), Instant.now(), Instant.now(), null, List.of(), null,
                ArticleEnriched.Change.CREATED);
    }
}
