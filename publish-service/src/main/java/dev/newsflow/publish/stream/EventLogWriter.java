package dev.newsflow.publish.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.newsflow.events.ArticleEventJson;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the event log ({@link EventLog} reads it) through the synchronous driver, for the feed's writer thread
 * ({@link EventLogQueue}), which has a batch's offsets committed only after both writes returned. Concurrency:
 * called by that one thread; holds no state.
 *
 * <p>Writes are idempotent (inserted once per {@code partition:offset}, never changed, so a record consumed again
 * after a rebalance or a crash leaves the first document) and ordered, so that an event of a partition is visible
 * only after every earlier one of that batch: a reader that has seen offset {@code n} has seen all before it.
 */
@Component
class EventLogWriter {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> partitions;

    EventLogWriter(MongoTemplate mongo) {
        this.events = mongo.getCollection(EventLog.EVENTS);
        this.partitions = mongo.getCollection(EventLog.PARTITIONS);
    }

    /**
     * Logs {@code batch} (in consumption order); the partitions' highest logged offsets are raised separately
     * ({@link #raise}), only after their events are written.
     */
    void append(List<LoggedEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
        for (LoggedEvent event : batch) {
            Document document = new Document("partition", event.partition())
                    .append("offset", event.offset())
                    .append("storedAt", Date.from(event.storedAt()));
            if (event.article() != null) {
                document.append("article", Document.parse(new String(ArticleEventJson.write(event.article()), StandardCharsets.UTF_8)));
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", event.partition() + ":" + event.offset()),
                    new Document("$setOnInsert", document), new UpdateOptions().upsert(true)));
        }
        events.bulkWrite(writes, new BulkWriteOptions().ordered(true));
    }

    /** Raises each partition's highest logged offset ({@code stream_partitions}) to {@code logged}, in one round trip. */
    void raise(Map<Integer, Long> logged) {
        if (logged.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> raised = new ArrayList<>(logged.size());
        logged.forEach((partition, offset) -> raised.add(new UpdateOneModel<>(Filters.eq("_id", partition),
                Updates.max("offset", offset), new UpdateOptions().upsert(true))));
        partitions.bulkWrite(raised, new BulkWriteOptions().ordered(false));
    }
}
