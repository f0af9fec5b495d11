package dev.newsflow.publish.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.model.Filters;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.testsupport.ArticleBuilder;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Subscriptions of one instance over the real event log (the shared test MongoDB endpoint): fan-out, a slow
 * subscriber cut off after its buffer, resuming by replay and hand-over to live, events other instances logged.
 */
class ArticleFeedTest {

    static final int BUFFER = 3;

    private final List<FeedFixture> fixtures = new ArrayList<>();
    // Every event dispatched as it comes (on the dispatch thread: a subscriber has it shortly after consume()).
    private final FeedFixture instance = fixture(BUFFER, Duration.ZERO);
    private long offset;

    @AfterEach
    void close() {
        fixtures.forEach(FeedFixture::close);
    }

    @Test
    void aSubscriberThatFallsBehindGetsItsBufferThenAnOverflowEventWhileOthersGetEverything() {
        List<ArticleFeed.FeedEvent> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(fast::add);
        try {
            StepVerifier.create(instance.feed.subscribe(StreamFilter.ALL), 0)
                    .then(() -> {
                        for (int i = 1; i <= 6; i++) {
                            consume(article("a-" + i));
                        }
                    })
                    .thenRequest(100)
                    .expectNextMatches(event -> id(event).equals("a-1"))
                    .expectNextMatches(event -> id(event).equals("a-2"))
                    .expectNextMatches(event -> id(event).equals("a-3"))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(ArticleFeed.FeedEvent.Overflow.class,
                            overflow -> assertThat(overflow.reason()).contains("reconnect")))
                    .verifyComplete();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fast).extracting(ArticleFeedTest::id)
                    .containsExactly("a-1", "a-2", "a-3", "a-4", "a-5", "a-6"));
            assertThat(instance.meters.counter("newsflow.stream.overflows").count()).isEqualTo(1);
        }
        finally {
            fastSubscription.dispose();
        }
    }

    @Test
    void aFilteredSubscriberOnlyBuffersWhatItAskedFor() {
        StreamFilter sportOnly = new StreamFilter(List.of("sport"), null, null, null, null);
        StepVerifier.create(instance.feed.subscribe(sportOnly), 0)
                .then(() -> {
                    for (int i = 1; i <= 10; i++) {
                        consume(article("weather-" + i));
                    }
                    consume(article("sport-1", "medtop:15000000", "sport"));
                })
                .thenRequest(1)
                .expectNextMatches(event -> id(event).equals("sport-1"))
                .thenCancel()
                .verify();
    }

    @Test
    void aResumedSubscriptionGetsWhatItMissedThenLiveEventsWithoutRepeats() {
        List<ArticleFeed.FeedEvent> first = new CopyOnWriteArrayList<>();
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(first::add);
        consume(article("r-1"));
        consume(article("r-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 2);
        subscription.dispose();
        String lastId = ((ArticleFeed.FeedEvent.Article) first.get(first.size() - 1)).id();
        consume(article("r-3"));
        consume(article("r-4"));

        StepVerifier.create(instance.feed.subscribe(StreamFilter.ALL, StreamPosition.parse(lastId)))
                .expectNextMatches(event -> id(event).equals("r-3"))
                .expectNextMatches(event -> id(event).equals("r-4"))
                .then(() -> consume(article("r-5")))
                .expectNextMatches(event -> id(event).equals("r-5"))
                .thenCancel()
                .verify();
        assertThat(first).extracting(ArticleFeedTest::id).containsExactly("r-1", "r-2");
    }

    @Test
    void everySubscriberIsWrittenTheEventsFrameWithItsOwnPositionAsId() {
        List<ArticleFeed.FeedEvent> live = new CopyOnWriteArrayList<>();
        List<ArticleFeed.FeedEvent> resumed = new CopyOnWriteArrayList<>();
        Disposable liveSubscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(live::add);
        Disposable resumedSubscription = instance.feed.subscribe(StreamFilter.ALL, StreamPosition.parse("5:3")).subscribe(resumed::add);
        try {
            consume(article("f-1"));

            await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 1 && resumed.size() == 1);
            ArticleFeed.FeedEvent.Article first = (ArticleFeed.FeedEvent.Article) live.get(0);
            ArticleFeed.FeedEvent.Article other = (ArticleFeed.FeedEvent.Article) resumed.get(0);
            String rest = "event:article\ndata:" + first.json() + "\n\n";
            assertThat(text(first.sse())).isEqualTo("id:0:0\n" + rest);
            assertThat(text(first.sse())).as("written again").isEqualTo("id:0:0\n" + rest);
            assertThat(text(other.sse())).isEqualTo("id:0:0,5:3\n" + rest);
            assertThat(text(other.ndjson())).isEqualTo(first.json() + "\n");
            assertThat(first.json()).contains("\"id\":\"f-1\"");
        }
        finally {
            liveSubscription.dispose();
            resumedSubscription.dispose();
        }
    }

    @Test
    void eventsArrivingWithinAFlushIntervalReachASubscriberAsOneBatchAndAnIdleStreamsNextEventAtOnce() {
        FeedFixture coalescing = fixture(BUFFER, Duration.ofSeconds(30));
        List<List<ArticleFeed.FeedEvent>> batches = new CopyOnWriteArrayList<>();
        Disposable subscription = coalescing.feed.subscribeInBatches(StreamFilter.ALL, null).subscribe(batches::add);
        try {
            coalescing.consume(0, 0, article("b-1"));
            await().atMost(Duration.ofSeconds(10)).alias("the first event of an idle stream is not held back").until(() -> batches.size() == 1);
            coalescing.consume(0, 1, article("b-2"));
            coalescing.consume(0, 2, article("b-3"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).alias("the next ones wait for the flush interval")
                    .until(() -> batches.size() == 1);
        }
        finally {
            subscription.dispose();
        }

        FeedFixture quick = fixture(BUFFER, Duration.ofMillis(200));
        batches.clear();
        subscription = quick.feed.subscribeInBatches(StreamFilter.ALL, null).subscribe(batches::add);
        try {
            // One Kafka batch: the four reach the dispatch together, within one flush interval however loaded the
            // machine is (four separate log writes could each take longer than the interval, splitting the batch).
            quick.consume(0, 0, IntStream.rangeClosed(1, 4).mapToObj(i -> article("q-" + i)).toArray(ArticleEnriched[]::new));
            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() >= 2);
            assertThat(batches).hasSize(2);
            assertThat(batches.get(0)).extracting(ArticleFeedTest::id).containsExactly("q-1");
            assertThat(batches.get(1)).extracting(ArticleFeedTest::id).containsExactly("q-2", "q-3", "q-4");
            List<ArticleFeed.FeedEvent.Article> batch = batches.get(1).stream().map(ArticleFeed.FeedEvent.Article.class::cast).toList();
            String written = text(EventFrames.join(batch.stream().map(ArticleFeed.FeedEvent.Article::sse).toList()));
            assertThat(written).as("one buffer holding the three frames, each with its own id").isEqualTo(batch.stream()
                    .map(article -> "id:" + article.id() + "\nevent:article\ndata:" + article.json() + "\n\n")
                    .collect(Collectors.joining()));
            assertThat(batch).extracting(ArticleFeed.FeedEvent.Article::id).doesNotHaveDuplicates();
            ArticleFeed.LiveBatch whole = (ArticleFeed.LiveBatch) batches.get(1);
            assertThat(text(whole.sse())).as("the batch as every live subscriber that takes all of it is written").isEqualTo(written);
            assertThat(text(whole.ndjson())).isEqualTo(batch.stream().map(article -> article.json() + "\n").collect(Collectors.joining()));
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void aBatchEndingInTheOverflowNoticeIsWrittenAsOneBufferToo() {
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            consume(article("o-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            ArticleFeed.FeedEvent.Article article = (ArticleFeed.FeedEvent.Article) received.get(0);
            DataBuffer notice = DefaultDataBufferFactory.sharedInstance.wrap("event:overflow\ndata:{}\n\n".getBytes(StandardCharsets.UTF_8));

            String written = text(EventFrames.join(List.of(article.sse(), notice)));

            assertThat(written).isEqualTo("id:" + article.id() + "\nevent:article\ndata:" + article.json()
                    + "\n\nevent:overflow\ndata:{}\n\n");
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void aLongReplaySendsItsFirstEventAfterReadingOnlyItsFirstPagesAndHandsOverToLiveWithoutGapOrRepeat() {
        FeedFixture roomy = fixture(100_000, Duration.ofMillis(20));
        int backlog = 3_000;
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            roomy.consume(p, 0, IntStream.range(0, backlog / 3).mapToObj(i -> article("old-" + p + "-" + i)).toArray(ArticleEnriched[]::new));
        }
        long readBefore = roomy.documentsRead.get();
        List<String> received = new CopyOnWriteArrayList<>();

        StepVerifier.create(roomy.feed.subscribe(StreamFilter.ALL, StreamPosition.parse("0:-1,1:-1,2:-1")), 1)
                .assertNext(event -> assertThat(roomy.documentsRead.get() - readBefore)
                        .as("documents read from the log when the first replayed event left").isLessThan(backlog / 5))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        Disposable resumed = roomy.feed.subscribe(StreamFilter.ALL, StreamPosition.parse("0:-1,1:-1,2:-1"))
                .subscribe(event -> received.add(id(event)));
        try {
            // Live events keep coming while the replay runs: the hand-over must neither lose nor repeat any.
            for (int i = 0; i < 100; i++) {
                roomy.consume(i % 3, backlog / 3 + i / 3, article("new-" + i));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= backlog + 100);
            assertThat(received).hasSize(backlog + 100).doesNotHaveDuplicates();
            for (int partition = 0; partition < 3; partition++) {
                int p = partition;
                List<String> inOffsetOrder = new ArrayList<>();
                IntStream.range(0, backlog / 3).forEach(i -> inOffsetOrder.add("old-" + p + "-" + i));
                IntStream.range(0, 100).filter(i -> i % 3 == p).forEach(i -> inOffsetOrder.add("new-" + i));
                assertThat(received).as("partition %d", p).filteredOn(inOffsetOrder::contains).containsExactlyElementsOf(inOffsetOrder);
            }
        }
        finally {
            resumed.dispose();
        }
    }

    @Test
    void aReplayGoesAtTheSubscribersPaceSoItsBufferNeverOverflowsAndTheLogIsReadOnlyAhead() {
        int backlog = 300;
        instance.consume(0, 0, IntStream.range(0, backlog).mapToObj(i -> article("p-" + i)).toArray(ArticleEnriched[]::new));
        long readBefore = instance.documentsRead.get();

        // A subscriber with a buffer of 3 that takes one event, then nothing for a while, then the rest one by one.
        StepVerifier.Step<ArticleFeed.FeedEvent> step = StepVerifier.create(instance.feed.subscribe(StreamFilter.ALL,
                        StreamPosition.parse("0:-1")), 1)
                .expectNextMatches(event -> id(event).equals("p-0"))
                .then(() -> await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> instance.documentsRead.get() - readBefore < backlog / 2));
        for (int i = 1; i < backlog; i++) {
            String expected = "p-" + i;
            step = step.thenRequest(1).expectNextMatches(event -> id(event).equals(expected));
        }
        step.thenCancel().verify(Duration.ofSeconds(60));
    }

    @Test
    void eventsAnotherInstanceLoggedReachThisInstancesSubscribers() {
        FeedFixture other = new FeedFixture(BUFFER, Duration.ZERO, instance);
        fixtures.add(other);
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            other.consume(4, 0, article("elsewhere-1"), article("elsewhere-2"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).extracting(ArticleFeedTest::id).containsExactly("elsewhere-1", "elsewhere-2");
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void whileNothingNewIsLoggedThePollsReadOnlyThePartitionsOffsetsNotTheEvents() {
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            consume(article("own-1"));
            consume(article("own-2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            // A poll that read the partitions' offsets just before own-2 was streamed may still query the events:
            // polls run one at a time, so once the next one has started, that one is over.
            long pollsBefore = finds(instance, EventLog.PARTITIONS);
            await().atMost(Duration.ofSeconds(10)).until(() -> finds(instance, EventLog.PARTITIONS) > pollsBefore);
            long eventQueries = finds(instance, EventLog.EVENTS);
            long polls = finds(instance, EventLog.PARTITIONS);

            await().atMost(Duration.ofSeconds(10)).until(() -> finds(instance, EventLog.PARTITIONS) >= polls + 5);

            assertThat(finds(instance, EventLog.EVENTS)).as("queries of the events, over five polls").isEqualTo(eventQueries);
            assertThat(received).extracting(ArticleFeedTest::id).containsExactly("own-1", "own-2");
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void anInstanceStartingWhenAPartitionsEventsHaveAllExpiredStreamsAfterItsLastOffsetWithoutReadingTheLogAgain() {
        consume(article("x-1"));
        consume(article("x-2"));
        // MongoDB's TTL monitor dropped all of partition 0's events; its stream_partitions document stays.
        instance.mongo.getCollection(EventLog.EVENTS).flatMap(events -> Mono.from(events.deleteMany(Filters.eq("partition", 0)))).block();
        FeedFixture other = new FeedFixture(BUFFER, Duration.ZERO, instance);
        fixtures.add(other);
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = other.feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            long polls = finds(other, EventLog.PARTITIONS);
            await().atMost(Duration.ofSeconds(10)).until(() -> finds(other, EventLog.PARTITIONS) >= polls + 5);
            assertThat(finds(other, EventLog.EVENTS)).as("queries of the events after five polls").isZero();

            other.consume(0, 2, article("x-3"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            assertThat(received).extracting(ArticleFeedTest::id).containsExactly("x-3");
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void stoppingTheInstanceCompletesLiveAndReplayingStreamsAndThoseOpenedAfter() {
        for (int i = 1; i <= 6; i++) {
            consume(article("s-" + i));
        }
        StepVerifier live = StepVerifier.create(instance.feed.subscribeInBatches(StreamFilter.ALL, null)).expectComplete().verifyLater();

        StepVerifier.create(instance.feed.subscribeInBatches(StreamFilter.ALL, StreamPosition.parse("0:-1")), 1)
                .assertNext(batch -> assertThat(batch).extracting(ArticleFeedTest::id).containsExactly("s-1", "s-2", "s-3"))
                .then(instance.shutdown::stop)
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        live.verify(Duration.ofSeconds(10));
        StepVerifier.create(instance.feed.subscribeInBatches(StreamFilter.ALL, null)).expectComplete().verify(Duration.ofSeconds(10));
    }

    @Test
    void anEventAfterOneThisInstanceHasNotSeenWaitsForItFromTheLog() {
        List<ArticleFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe(received::add);
        try {
            consume(article("g-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            // Offset 1 was logged by another instance (a rebalance moved the partition), offset 2 by this one.
            instance.writer.append(List.of(new LoggedEvent(0, 1, Instant.now(), article("g-2"))));
            instance.writer.raise(Map.of(0, 1L));
            instance.consume(0, 2, article("g-3"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
            assertThat(received).extracting(ArticleFeedTest::id).containsExactly("g-1", "g-2", "g-3");
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void aPositionWhoseNextEventsExpiredGetsAResetWithTheNewestIdThenLiveEvents() {
        consume(article("e-1"));
        consume(article("e-2"));
        consume(article("e-3"));
        // MongoDB's TTL monitor dropped the oldest two.
        instance.mongo.getCollection(EventLog.EVENTS).flatMap(events -> Mono.from(events.deleteMany(Filters.lte("offset", 1)))).block();

        assertThat(instance.feed.holdsEverythingAfter(StreamPosition.parse("0:0")).block()).isFalse();
        assertThat(instance.feed.holdsEverythingAfter(StreamPosition.parse("0:1")).block()).isTrue();
        StepVerifier.create(instance.feed.subscribe(StreamFilter.ALL, StreamPosition.parse("0:0")))
                .assertNext(event -> assertThat(event).isInstanceOfSatisfying(ArticleFeed.FeedEvent.Reset.class,
                        reset -> assertThat(reset.id()).isEqualTo("0:2")))
                .then(() -> consume(article("e-4")))
                .expectNextMatches(event -> id(event).equals("e-4"))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void changingTheRetentionChangesTheTtlIndexInsteadOfFailing() {
        instance.eventLog.createIndexes(Duration.ofDays(1)).block();
        instance.eventLog.createIndexes(Duration.ofDays(2)).block();

        List<Document> indexes = instance.mongo.getCollection(EventLog.EVENTS).flatMapMany(c -> c.listIndexes()).collectList().block();
        assertThat(indexes).filteredOn(index -> EventLog.TTL_INDEX.equals(index.getString("name")))
                .singleElement()
                .satisfies(index -> assertThat(index.get("expireAfterSeconds", Number.class).longValue())
                        .isEqualTo(Duration.ofDays(2).toSeconds()));
    }

    private FeedFixture fixture(int buffer, Duration flushInterval) {
        FeedFixture fixture = new FeedFixture(buffer, flushInterval);
        fixtures.add(fixture);
        return fixture;
    }

    @Test
    void eachStageOfAnEventsWayToTheSubscribersIsTimedFromItsEnrichment() {
        Disposable subscription = instance.feed.subscribe(StreamFilter.ALL).subscribe();
        try {
            consume(ArticleBuilder.article("m-1").title("Title m-1").body("Body").enrichedAt(Instant.now().minusSeconds(5)).build());

            await().untilAsserted(() -> {
                for (String stage : List.of("received", "logged", "dispatched")) {
                    Timer lag = instance.meters.get("newsflow.stream.lag").tag("stage", stage).timer();
                    assertThat(lag.count()).as(stage).isEqualTo(1);
                    assertThat(lag.max(TimeUnit.SECONDS)).as(stage).isGreaterThanOrEqualTo(5);
                }
            });
        }
        finally {
            subscription.dispose();
        }
    }

    @Test
    void aBatchsOffsetsAreAcknowledgedOnlyOnceItAndItsPartitionsLoggedOffsetAreInTheLog() {
        instance.consume(2, 0, article("k-1"), article("k-2"));
        instance.consume(2, 2, article("k-3"));
        instance.consume(5, 0, article("k-4"));

        await().atMost(Duration.ofSeconds(10)).until(() -> instance.acknowledgements.size() == 3);
        assertThat(instance.acknowledgements).extracting(FeedFixture.Acknowledged::partition, FeedFixture.Acknowledged::from)
                .containsExactly(tuple(2, 0L), tuple(2, 2L), tuple(5, 0L));
        assertThat(instance.acknowledgements).allSatisfy(batch -> {
            assertThat(batch.eventsLogged()).as("events in the log").isEqualTo(batch.to() - batch.from() + 1);
            assertThat(batch.partitionLogged()).as("partition's logged offset").isGreaterThanOrEqualTo(batch.to());
        });
    }

    private static long finds(FeedFixture fixture, String collection) {
        return fixture.finds.getOrDefault(collection, new AtomicLong()).get();
    }

    private void consume(ArticleEnriched article) {
        instance.consume(0, offset++, article);
    }

    private static String text(DataBuffer buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String id(ArticleFeed.FeedEvent event) {
        return event instanceof ArticleFeed.FeedEvent.Article article ? article.article().id() : "(" + event.getClass().getSimpleName() + ")";
    }

    private static ArticleEnriched article(String id) {
        return article(id, "medtop:17000000", "weather");
    }

    private static ArticleEnriched article(String id, String code, String label) {
        return ArticleBuilder.article(id).title("Title " + id).body("Body").iptc(code, label, 0.9).build();
    }
}
