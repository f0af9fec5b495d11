package dev.newsflow.enrichment.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.store.ArticleWords;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * At start-up, in the background (start-up never waits for MongoDB): creates the {@code articles} indexes and gives
 * documents stored before the {@link ArticleDocument#WORDS} field existed their words. Retried with back-off until
 * MongoDB answers. One thread.
 */
@Component
class ArticleCollectionUpkeep {

    private static final Logger log = LoggerFactory.getLogger(ArticleCollectionUpkeep.class);
    private static final int BATCH = 500;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final MongoCollection<Document> articles;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "articles-upkeep");
        thread.setDaemon(true);
        return thread;
    });

    ArticleCollectionUpkeep(MongoTemplate mongo) {
        this.articles = mongo.getCollection(ArticleDocument.COLLECTION);
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        worker.execute(() -> run(Duration.ofSeconds(1)));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(Duration pause) {
        try {
            articles.createIndexes(ArticleDocument.indexes());
            long filled = fillInWords();
            if (filled > 0) {
                log.info("Gave {} articles stored before the words field existed their words", filled);
            }
        }
        catch (MongoException ex) {
            log.warn("Could not prepare the articles collection (indexes, words), retrying in {} s: {}", pause.toSeconds(),
                    ex.getMessage());
            Duration next = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            worker.schedule(() -> run(next), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sets {@link ArticleDocument#WORDS} on every document without it, guarded by its version, so that a newer
     * version written meanwhile keeps its own words.
     *
     * @return how many documents were given their words
     */
    long fillInWords() {
        long filled = 0;
        List<WriteModel<Document>> updates = new ArrayList<>(BATCH);
        try (MongoCursor<Document> missing = articles.find(Filters.exists(ArticleDocument.WORDS, false))
                .projection(Projections.include(ArticleDocument.VERSION, ArticleDocument.TITLE, ArticleDocument.BODY))
                .batchSize(BATCH)
                .cursor()) {
            while (missing.hasNext()) {
                Document document = missing.next();
                updates.add(new UpdateOneModel<>(Filters.and(Filters.eq(ArticleDocument.ID, document.get(ArticleDocument.ID)),
                        Filters.eq(ArticleDocument.VERSION, document.get(ArticleDocument.VERSION))),
                        Updates.set(ArticleDocument.WORDS, ArticleWords.of(document.getString(ArticleDocument.TITLE),
                                document.getString(ArticleDocument.BODY)))));
                if (updates.size() == BATCH || !missing.hasNext()) {
                    filled += articles.bulkWrite(updates, new BulkWriteOptions().ordered(false)).getModifiedCount();
                    updates.clear();
                }
            }
        }
        return filled;
    }
}
