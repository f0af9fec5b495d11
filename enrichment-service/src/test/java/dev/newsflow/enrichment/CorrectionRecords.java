package dev.newsflow.enrichment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A category correction as publish-service puts it on its topic: keyed by article, with its CloudEvents headers. */
public final class CorrectionRecords {

    private CorrectionRecords() {
    }

    public static ProducerRecord<String, byte[]> of(CategoriesCorrected correction) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopics.CATEGORY_CORRECTIONS, correction.articleId(),
                ArticleEventJson.write(correction));
        EventHeaders.cloudEvent(EventType.CATEGORIES_CORRECTED, "/test", correction.articleId(), Instant.now())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
