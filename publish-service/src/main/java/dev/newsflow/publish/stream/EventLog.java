package dev.newsflow.publish.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.publish.PublishProperties;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the event log: {@code stream_events}, one document per record of the enriched-article topic
 * ({@code _id} {@code partition:offset}, written by {@link EventLogWriter}), and {@code stream_partitions}, the
 * highest offset ever logged per partition. Every query is bounded by {@code store-timeout} ({@code maxTimeMS}).
 */
@Component
class EventLog {

    static final String EVENTS = "stream_events";
    static final String PARTITIONS = "stream_partitions";
    static final String TTL_INDEX = "storedAt_ttl";
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private final ReactiveMongoTemplate mongo;
    private final int page;
    private final long timeoutMillis;

    EventLog(ReactiveMongoTemplate mongo, PublishProperties properties) {
        this.mongo = mongo;
        this.page = properties.stream().replayPage();
        this.timeoutMillis = properties.storeTimeout().toMillis();
    }

    /**
     * The lookup index, and a TTL index that lets MongoDB drop events older than {@code retention}. A TTL index
     * left by another retention is changed in place ({@code collMod}), or, where the server cannot, replaced.
     */
    Mono<Void> createIndexes(Duration retention) {
        long seconds = retention.toSeconds();
        return events().flatMap(collection -> Mono.from(collection.createIndex(Indexes.ascending("partition", "offset"),
                                new IndexOptions().name("partition_offset")))
                        .thenMany(collection.listIndexes())
                        .filter(index -> TTL_INDEX.equals(index.getString("name")))
                        .next()
                        .flatMap(index -> {
                            Number current = index.get("expireAfterSeconds", Number.class);
                            if (current != null && current.longValue() == seconds) {
                                return Mono.empty();
                            }
                            log.info("Changing the retention of streamed events from {} s to {} s", current, seconds);
                            return Mono.from(mongo.executeCommand(new Document("collMod", EVENTS).append("index",
                                            new Document("name", TTL_INDEX).append("expireAfterSeconds", seconds))))
                                    .then()
                                    .onErrorResume(ex -> Mono.from(collection.dropIndex(TTL_INDEX)).then());
                        })
                        .then(Mono.from(collection.createIndex(Indexes.ascending("storedAt"),
                                new IndexOptions().name(TTL_INDEX).expireAfter(seconds, TimeUnit.SECONDS)))))
                .then();
    }

    /**
     * The last offset logged per partition: where this instance's live stream starts. Index lookups (the distinct
     * partitions, then each one's highest offset), not a scan of the log, which holds a whole retention period.
     */
    Mono<Map<Integer, Long>> latest() {
        return events().flatMapMany(collection -> Flux.from(collection.distinct("partition", Integer.class)
                                .maxTime(timeoutMillis, TimeUnit.MILLISECONDS))
                        .concatMap(partition -> Mono.from(collection.find(Filters.eq("partition", partition))
                                        .sort(Sorts.descending("offset"))
                                        .projection(new Document("offset", 1))
                                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS)
                                        .first())
                                .map(document -> Map.entry(partition, document.get("offset", Number.class).longValue()))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * The highest offset logged per partition ({@code stream_partitions}, one small document each): what the log tail
     * compares with its head before it reads any events.
     */
    Mono<Map<Integer, Long>> logged() {
        return mongo.getCollection(PARTITIONS)
                .flatMapMany(collection -> collection.find().maxTime(timeoutMillis, TimeUnit.MILLISECONDS))
                .collectMap(document -> document.get("_id", Number.class).intValue(),
                        document -> document.get("offset", Number.class).longValue());
    }

    /**
     * Up to {@code limit} events of the partitions in {@code from} after the offset given for each ({@code -1}: from
     * its first logged event), in offset order within each partition: what the log tail reads.
     */
    Flux<LoggedEvent> after(Map<Integer, Long> from, int limit) {
        List<Bson> conditions = new ArrayList<>();
        from.forEach((partition, offset) ->
                conditions.add(Filters.and(Filters.eq("partition", partition), Filters.gt("offset", offset))));
        return events().flatMapMany(collection -> collection.find(Filters.or(conditions))
                        .sort(Sorts.ascending("partition", "offset"))
                        .limit(limit)
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS))
                .map(EventLog::event);
    }

    /**
     * Every logged event after {@code position}, read page by page ({@code replay-page} events of a partition at a
     * time, each page its own bounded query), so that memory does not grow with the backlog and the first event
     * leaves before the rest is read. Within a partition in offset order; the partitions merged by the time each
     * event was logged. Partitions the position does not know ({@code partitions} lists those to read) are
     * replayed from their first logged event.
     */
    Flux<LoggedEvent> replay(Map<Integer, Long> position, Set<Integer> partitions) {
        Set<Integer> all = new TreeSet<>(partitions);
        all.addAll(position.keySet());
        List<Flux<LoggedEvent>> perPartition = all.stream()
                .map(partition -> partition(partition, position.getOrDefault(partition, -1L)))
                .toList();
        Comparator<LoggedEvent> byTimeLogged = Comparator.comparing(LoggedEvent::storedAt)
                .thenComparingInt(LoggedEvent::partition).thenComparingLong(LoggedEvent::offset);
        return Flux.mergeComparing(Math.max(1, page / 4), byTimeLogged, perPartition.toArray(Flux[]::new));
    }

    private Flux<LoggedEvent> partition(int partition, long after) {
        return page(partition, after)
                .expand(events -> events.size() < page ? Mono.empty() : page(partition, events.get(events.size() - 1).offset()))
                .concatMapIterable(events -> events, 1);
    }

    private Mono<List<LoggedEvent>> page(int partition, long after) {
        return events().flatMapMany(collection -> collection
                        .find(Filters.and(Filters.eq("partition", partition), Filters.gt("offset", after)))
                        .sort(Sorts.ascending("offset"))
                        .limit(page)
                        .batchSize(page)
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS))
                .map(EventLog::event)
                .collectList();
    }

    /**
     * Whether the log still holds every event after {@code position}: for each of its partitions, either nothing
     * was ever logged after it, or the next offset is still there. Offsets of the topic are consecutive (its
     * producers are not transactional), so a missing next offset means events expired after the client saw it.
     */
    Mono<Boolean> holdsEverythingAfter(Map<Integer, Long> position) {
        return Flux.fromIterable(position.entrySet())
                .concatMap(entry -> highest(entry.getKey())
                        .flatMap(highest -> highest <= entry.getValue() ? Mono.just(true)
                                : next(entry.getKey(), entry.getValue()).map(next -> next == entry.getValue() + 1).defaultIfEmpty(false))
                        .defaultIfEmpty(true))
                .all(retained -> retained);
    }

    private Mono<Long> highest(int partition) {
        return mongo.getCollection(PARTITIONS).flatMap(collection -> Mono.from(collection.find(Filters.eq("_id", partition))
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS).first()))
                .map(document -> document.get("offset", Number.class).longValue());
    }

    private Mono<Long> next(int partition, long after) {
        return events().flatMap(collection -> Mono.from(collection
                        .find(Filters.and(Filters.eq("partition", partition), Filters.gt("offset", after)))
                        .sort(Sorts.ascending("offset"))
                        .projection(new Document("offset", 1))
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS)
                        .first()))
                .map(document -> document.get("offset", Number.class).longValue());
    }

    private Mono<MongoCollection<Document>> events() {
        return mongo.getCollection(EVENTS);
    }

    private static LoggedEvent event(Document document) {
        Document article = document.get("article", Document.class);
        return new LoggedEvent(document.getInteger("partition"), document.get("offset", Number.class).longValue(),
                document.getDate("storedAt").toInstant(), article == null ? null
                        : ArticleEventJson.read(article.toJson().getBytes(StandardCharsets.UTF_8), ArticleEnriched.class));
    }
}
