package dev.newsflow.publish.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.Document;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * One publish-service instance's feed (binding, writer, log, tail, dispatch, subscriptions) on its own database of
 * the shared test MongoDB endpoint, without Spring or Kafka: {@link #consume} hands it records as the binding gets
 * them, and notes what the log held when each batch was acknowledged. Counts the documents of the log MongoDB returns, to see how much a replay has read, and the queries per
 * collection.
 */
final class FeedFixture implements AutoCloseable {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicLong documentsRead = new AtomicLong();
    // Queries per collection, by this instance's reactive client (the log tail, replays).
    final Map<String, AtomicLong> finds = new ConcurrentHashMap<>();
    final String database = "feed-" + UUID.randomUUID().toString().substring(0, 8);
    final ReactiveMongoTemplate mongo;
    final EventLog eventLog;
    final EventLogWriter writer;
    final EventLogQueue queue;
    // What the log held when each batch's offsets were acknowledged (see logged()).
    final List<Acknowledged> acknowledgements = new CopyOnWriteArrayList<>();
    final SubscriberDispatch dispatch;
    final LogTail tail;
    final StreamShutdown shutdown = new StreamShutdown();
    final ArticleFeed feed;
    private final Consumer<Message<List<byte[]>>> binding;
    private final MongoClient reactiveClient;
    private final SimpleMongoClientDatabaseFactory syncDatabase;

    FeedFixture(int buffer, Duration flushInterval) {
        this(buffer, flushInterval, null);
    }

    /** A second instance on {@code sameDatabaseAs}'s database, as another publish-service instance would be. */
    FeedFixture(int buffer, Duration flushInterval, FeedFixture sameDatabaseAs) {
        String name = sameDatabaseAs == null ? database : sameDatabaseAs.database;
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if ("find".equals(event.getCommandName())) {
                    finds.computeIfAbsent(event.getCommand().getString("find").getValue(), collection -> new AtomicLong()).incrementAndGet();
                }
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor != null && cursor.getString("ns").getValue().endsWith("." + EventLog.EVENTS)) {
                    BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch") : cursor.getArray("nextBatch", new BsonArray());
                    documentsRead.addAndGet(batch.size());
                }
            }
        };
        reactiveClient = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.mongoUri()))
                .addCommandListener(counting)
                .build());
        syncDatabase = new SimpleMongoClientDatabaseFactory(TestInfrastructure.mongoUri() + "/" + name);
        PublishProperties properties = new PublishProperties("/test", List.of(), null, Duration.ofSeconds(5),
                new PublishProperties.CategoryCounts(Duration.ofSeconds(30), Duration.ofSeconds(20)),
                new PublishProperties.Stream(buffer, Duration.ofSeconds(15), Duration.ofDays(7), flushInterval,
                        Duration.ofMillis(20), 50), new PublishProperties.Cors(List.of("*"), List.of()));
        mongo = new ReactiveMongoTemplate(reactiveClient, name);
        eventLog = new EventLog(mongo, properties);
        writer = new EventLogWriter(new MongoTemplate(syncDatabase));
        EventRendering rendering = new EventRendering(JsonMapper.builder().build());
        StreamMeters streamMeters = new StreamMeters(meters);
        dispatch = new SubscriberDispatch(rendering, streamMeters, properties);
        tail = new LogTail(eventLog, dispatch, properties);
        queue = new EventLogQueue(writer, tail, streamMeters, properties);
        queue.start();
        shutdown.start();
        feed = new ArticleFeed(eventLog, tail, dispatch, rendering, shutdown, meters, properties);
        // No tracer: records are logged without a trace, as where tracing is not configured.
        DefaultListableBeanFactory none = new DefaultListableBeanFactory();
        binding = new FeedBinding().articleFeed(queue, streamMeters, meters, none.getBeanProvider(Tracer.class),
                none.getBeanProvider(Propagator.class));
        tail.start();
        tail.ready().block(Duration.ofSeconds(30));
    }

    /**
     * Hands the binding {@code articles} as one batch of records of {@code partition}, from {@code firstOffset} on, and
     * returns once their offsets are acknowledged.
     */
    void consume(int partition, long firstOffset, ArticleEnriched... articles) {
        List<byte[]> payloads = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < articles.length; i++) {
            payloads.add(ArticleEventJson.write(articles[i]));
            partitions.add(partition);
            offsets.add(firstOffset + i);
        }
        long lastOffset = firstOffset + articles.length - 1;
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Acknowledgment acknowledgment = () -> {
            acknowledgements.add(logged(partition, firstOffset, lastOffset));
            acknowledged.complete(null);
        };
        binding.accept(MessageBuilder.withPayload(payloads)
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
                .setHeader(KafkaHeaders.OFFSET, offsets)
                .setHeader(KafkaHeaders.ACKNOWLEDGMENT, acknowledgment)
                .build());
        // As the binding's next poll would, the tests go on once the batch is in the log (and streamed).
        acknowledged.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** A batch of records {@code from..to} of {@code partition}, acknowledged when the log held {@code eventsLogged} of them and its offset was {@code partitionLogged}. */
    record Acknowledged(int partition, long from, long to, long eventsLogged, long partitionLogged) {
    }

    private Acknowledged logged(int partition, long from, long to) {
        List<String> ids = LongStream.rangeClosed(from, to).mapToObj(offset -> partition + ":" + offset).toList();
        long events = syncDatabase.getMongoDatabase().getCollection(EventLog.EVENTS).countDocuments(Filters.in("_id", ids));
        Document raised = syncDatabase.getMongoDatabase().getCollection(EventLog.PARTITIONS).find(Filters.eq("_id", partition)).first();
        return new Acknowledged(partition, from, to, events, raised == null ? -1 : raised.get("offset", Number.class).longValue());
    }

    @Override
    public void close() {
        queue.stop();
        tail.stop();
        dispatch.stop();
        reactiveClient.close();
        try {
            syncDatabase.destroy();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
