package dev.newsflow.publish.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.testsupport.ArticleBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** Fan-out to subscribers: a slow one is cut off after its buffer, the others get everything. */
class ArticleFeedTest {

    static final int BUFFER = 3;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<EventLog.Positioned> recorded = new CopyOnWriteArrayList<>();
    // The MongoDB-backed log is exercised in PublishApiTest; here the fan-out alone, over a log in a list.
    private final EventLog inMemoryLog = new EventLog(null) {
        @Override
        reactor.core.publisher.Mono<Void> append(List<Positioned> events) {
            recorded.addAll(events);
            return reactor.core.publisher.Mono.empty();
        }

        @Override
        reactor.core.publisher.Mono<Void> createIndexes(Duration retention) {
            return reactor.core.publisher.Mono.empty();
        }

        @Override
        reactor.core.publisher.Mono<java.util.Map<Integer, Long>> latest() {
            return reactor.core.publisher.Mono.just(java.util.Map.of());
        }

        @Override
        reactor.core.publisher.Flux<Positioned> after(java.util.Map<Integer, Long> position) {
            return reactor.core.publisher.Flux.fromIterable(recorded)
                    .filter(event -> event.offset() > position.getOrDefault(event.partition(), -1L));
        }
    };
    // Every event dispatched as it comes, so that what a subscriber got can be checked right after accept().
    private final ArticleFeed feed = feed(Duration.ZERO);
    private long offset;

    @org.junit.jupiter.api.BeforeEach
    void startFeed() {
        feed.start();
    }

    @org.junit.jupiter.api.AfterEach
    void stopFeed() {
        feed.stop();
    }

    @Test
    void aSubscriberThatFallsBehindGetsItsBufferThenAnOverflowEventWhileOthersGetEverything() {
        List<ArticleFeed.FeedEvent> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscription = feed.subscribe(StreamFilter.ALL).subscribe(fast::add);
        try {
            StepVerifier.create(feed.subscribe(StreamFilter.ALL), 0)
                    .then(() -> {
                        for (int i = 1; i <= 6; i++) {
                            feed.accept(message(article("a-" + i)));
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
                        feed.accept(message(article("weather-" + i)));
                    }
                    feed.accept(message(article("sport-1", "medtop:15000000", "sport")));
                })
                .thenRequest(1)
                .expectNextMatches(event -> id(event).equals("sport-1"))
                .thenCancel()
                .verify();
    }

    @Test
    void aResumedSubscriptionGetsWhatItMissedThenLiveEventsWithoutRepeats() {
        List<ArticleFeed.FeedEvent> first = new CopyOnWriteArrayList<>();
        Disposable subscription = feed.subscribe(StreamFilter.ALL).subscribe(first::add);
        feed.accept(message(article("r-1")));
        feed.accept(message(article("r-2")));
        subscription.dispose();
        String lastId = ((ArticleFeed.FeedEvent.Article) first.get(first.size() - 1)).id();
        feed.accept(message(article("r-3")));
        feed.accept(message(article("r-4")));

        StepVerifier.create(feed.subscribe(StreamFilter.ALL, StreamPosition.parse(lastId)))
                .expectNextMatches(event -> id(event).equals("r-3"))
                .expectNextMatches(event -> id(event).equals("r-4"))
                .then(() -> feed.accept(message(article("r-5"))))
                .expectNextMatches(event -> id(event).equals("r-5"))
                .thenCancel()
                .verify();
        assertThat(first).extracting(ArticleFeedTest::id).containsExactly("r-1", "r-2");
    }

    @Test
    void everySubscriberIsWrittenTheEventsFrameWithItsOwnPositionAsId() {
        List<ArticleFeed.FeedEvent> live = new CopyOnWriteArrayList<>();
        List<ArticleFeed.FeedEvent> resumed = new CopyOnWriteArrayList<>();
        Disposable liveSubscription = feed.subscribe(StreamFilter.ALL).subscribe(live::add);
        Disposable resumedSubscription = feed.subscribe(StreamFilter.ALL, StreamPosition.parse("5:3")).subscribe(resumed::add);
        try {
            feed.accept(message(article("f-1")));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 1 && resumed.size() == 1);
            ArticleFeed.FeedEvent.Article first = (ArticleFeed.FeedEvent.Article) live.get(0);
            ArticleFeed.FeedEvent.Article other = (ArticleFeed.FeedEvent.Article) resumed.get(0);
            String rest = "event:article\ndata:" + first.json() + "\n\n";
            assertThat(first.sse().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("id:0:0\n" + rest);
            assertThat(first.sse().toString(java.nio.charset.StandardCharsets.UTF_8)).as("written again").isEqualTo("id:0:0\n" + rest);
            assertThat(other.sse().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("id:0:0,5:3\n" + rest);
            assertThat(other.ndjson().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(first.json() + "\n");
            assertThat(first.json()).contains("\"id\":\"f-1\"");
        }
        finally {
            liveSubscription.dispose();
            resumedSubscription.dispose();
        }
    }

    @Test
    void eventsArrivingWithinAFlushIntervalReachASubscriberAsOneBatchAndAnIdleStreamsNextEventAtOnce() {
        ArticleFeed coalescing = feed(Duration.ofSeconds(30));
        coalescing.start();
        List<List<ArticleFeed.FeedEvent>> batches = new CopyOnWriteArrayList<>();
        Disposable subscription = coalescing.subscribeInBatches(StreamFilter.ALL, null).subscribe(batches::add);
        try {
            coalescing.accept(message(article("b-1")));
            assertThat(batches).as("the first event of an idle stream is not held back").hasSize(1);
            coalescing.accept(message(article("b-2")));
            coalescing.accept(message(article("b-3")));
            assertThat(batches).as("the next ones wait for the flush interval").hasSize(1);
        }
        finally {
            subscription.dispose();
            coalescing.stop();
        }

        ArticleFeed quick = feed(Duration.ofMillis(50));
        quick.start();
        batches.clear();
        subscription = quick.subscribeInBatches(StreamFilter.ALL, null).subscribe(batches::add);
        try {
            for (int i = 1; i <= 4; i++) {
                quick.accept(message(article("q-" + i)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 2);
            assertThat(batches.get(0)).extracting(ArticleFeedTest::id).containsExactly("q-1");
            assertThat(batches.get(1)).extracting(ArticleFeedTest::id).containsExactly("q-2", "q-3", "q-4");
            List<ArticleFeed.FeedEvent.Article> batch = batches.get(1).stream().map(ArticleFeed.FeedEvent.Article.class::cast).toList();
            String written = EventFrames.join(batch.stream().map(ArticleFeed.FeedEvent.Article::sse).toList())
                    .toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(written).as("one buffer holding the three frames, each with its own id").isEqualTo(batch.stream()
                    .map(article -> "id:" + article.id() + "\nevent:article\ndata:" + article.json() + "\n\n")
                    .collect(java.util.stream.Collectors.joining()));
            assertThat(batch).extracting(ArticleFeed.FeedEvent.Article::id).doesNotHaveDuplicates();
        }
        finally {
            subscription.dispose();
            quick.stop();
        }
    }

    @Test
    void aBatchEndingInTheOverflowNoticeIsWrittenAsOneBufferToo() {
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            feed.accept(message(article("o-1")));
            ArticleFeed.FeedEvent.Article article = (ArticleFeed.FeedEvent.Article) received.get(0);
            org.springframework.core.io.buffer.DataBuffer notice = org.springframework.core.io.buffer.DefaultDataBufferFactory
                    .sharedInstance.wrap("event:overflow\ndata:{}\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            String written = EventFrames.join(List.of(article.sse(), notice)).toString(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(written).isEqualTo("id:" + article.id() + "\nevent:article\ndata:" + article.json()
                    + "\n\nevent:overflow\ndata:{}\n\n");
        }
        finally {
            subscription.dispose();
        }
    }

    private ArticleFeed feed(Duration flushInterval) {
        return new ArticleFeed(inMemoryLog, tools.jackson.databind.json.JsonMapper.builder().build(), meters,
                new PublishProperties("/test", List.of(), null, new PublishProperties.Stream(BUFFER, Duration.ofSeconds(15),
                        Duration.ofDays(7), flushInterval), new PublishProperties.Cors(List.of("*"), List.of())));
    }

    private org.springframework.messaging.Message<ArticleEnriched> message(ArticleEnriched article) {
        return org.springframework.messaging.support.MessageBuilder.withPayload(article)
                .setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(org.springframework.kafka.support.KafkaHeaders.OFFSET, offset++)
                .build();
    }

    private static String id(ArticleFeed.FeedEvent event) {
        return event instanceof ArticleFeed.FeedEvent.Article article ? article.article().id() : "(overflow)";
    }

    private static ArticleEnriched article(String id) {
        return article(id, "medtop:17000000", "weather");
    }

    private static ArticleEnriched article(String id, String code, String label) {
        return ArticleBuilder.article(id).title("Title " + id).body("Body").iptc(code, label, 0.9).build();
    }
}
