package dev.newsflow.publish.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The enriched events as publish-service streamed them, in MongoDB ({@code stream_events}), keyed by their place in
 * the topic ({@code partition:offset}), so that a reconnecting subscriber gets what it missed. Every instance
 * writes each event it consumes (the same document, so writing twice is harmless) before streaming it.
 */
@Component
class EventLog {

    static final String COLLECTION = "stream_events";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveMongoTemplate mongo;

    EventLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** An event with its place in the topic. */
    record Positioned(int partition, long offset, ArticleEnriched article) {
    }

    /** The lookup index, and a TTL index that lets MongoDB drop events older than {@code retention}. */
    Mono<Void> createIndexes(Duration retention) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.createIndex(Indexes.ascending("partition", "offset"),
                                new IndexOptions().name("partition_offset")))
                        .then(Mono.from(collection.createIndex(Indexes.ascending("storedAt"),
                                new IndexOptions().name("storedAt_ttl").expireAfter(retention.toSeconds(), TimeUnit.SECONDS)))))
                .then();
    }

    /** Records {@code events} with one bulk write; fails after a short timeout. */
    Mono<Void> append(List<Positioned> events) {
        Date now = new Date();
        List<com.mongodb.client.model.WriteModel<Document>> writes = events.stream()
                .<com.mongodb.client.model.WriteModel<Document>>map(event -> {
                    Document document = new Document("_id", event.partition() + ":" + event.offset())
                            .append("partition", event.partition())
                            .append("offset", event.offset())
                            .append("storedAt", now)
                            .append("article", Document.parse(new String(ArticleEventJson.write(event.article()), StandardCharsets.UTF_8)));
                    return new com.mongodb.client.model.ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
                            new ReplaceOptions().upsert(true));
                })
                .toList();
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false))))
                .timeout(TIMEOUT)
                .then();
    }

    /** The last offset recorded per partition. */
    Mono<Map<Integer, Long>> latest() {
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.aggregate(List.of(
                        Aggregates.group("$partition", Accumulators.max("offset", "$offset")))))
                .collectMap(document -> ((Number) document.get("_id")).intValue(),
                        document -> ((Number) document.get("offset")).longValue());
    }

    /**
     * The events after {@code position}: in each partition in offset order, the partitions interleaved by the time
     * they were recorded. A partition {@code position} does not know is replayed from its first recorded event.
     */
    Flux<Positioned> after(Map<Integer, Long> position) {
        List<Bson> conditions = new ArrayList<>();
        position.forEach((partition, offset) ->
                conditions.add(Filters.and(Filters.eq("partition", partition), Filters.gt("offset", offset))));
        conditions.add(Filters.nin("partition", position.keySet()));
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.or(conditions))
                        .sort(Sorts.ascending("partition", "offset")))
                .collectList()
                .flatMapIterable(EventLog::interleaved)
                .map(document -> new Positioned(document.getInteger("partition"), ((Number) document.get("offset")).longValue(),
                        ArticleEventJson.read(document.get("article", Document.class).toJson().getBytes(StandardCharsets.UTF_8),
                                ArticleEnriched.class)));
    }

    // Merges the per-partition runs (each in offset order) by the time each event was recorded.
    private static List<Document> interleaved(List<Document> byPartitionAndOffset) {
        Map<Integer, Deque<Document>> runs = new TreeMap<>();
        byPartitionAndOffset.forEach(document ->
                runs.computeIfAbsent(document.getInteger("partition"), partition -> new ArrayDeque<>()).add(document));
        List<Document> merged = new ArrayList<>(byPartitionAndOffset.size());
        Map<Integer, Deque<Document>> open = new HashMap<>(runs);
        while (!open.isEmpty()) {
            Map.Entry<Integer, Deque<Document>> earliest = null;
            for (Map.Entry<Integer, Deque<Document>> run : open.entrySet()) {
                if (earliest == null || run.getValue().peek().getDate("storedAt")
                        .before(earliest.getValue().peek().getDate("storedAt"))) {
                    earliest = run;
                }
            }
            merged.add(earliest.getValue().poll());
            if (earliest.getValue().isEmpty()) {
                open.remove(earliest.getKey());
            }
        }
        return merged;
    }
}
