package dev.newsflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    @Test
    void aRecordCarriesTheAttributesAsCeHeadersAndTheRecordAsPlainJson() {
        byte[] json = "{\"articleId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

        ProducerRecord<String, byte[]> record = EventHeaders.record(ArticleTopics.ARTICLE_SUBMITTED, EventType.ARTICLE_SUBMITTED,
                "/newsflow/ingest-service", "a-1", NOW, json);

        assertThat(record.topic()).isEqualTo("newsflow.articles.submitted");
        assertThat(record.key()).isEqualTo("a-1");
        assertThat(record.value()).isEqualTo(json);
        assertThat(header(record.headers(), EventHeaders.CE_TYPE)).isEqualTo("dev.newsflow.article.submitted.v1");
        assertThat(header(record.headers(), EventHeaders.CE_SOURCE)).isEqualTo("/newsflow/ingest-service");
        assertThat(header(record.headers(), EventHeaders.CE_SPECVERSION)).isEqualTo("1.0");
        assertThat(header(record.headers(), EventHeaders.CE_SUBJECT)).isEqualTo("a-1");
        assertThat(Instant.parse(header(record.headers(), EventHeaders.CE_TIME))).isEqualTo(NOW);
        assertThat(header(record.headers(), EventHeaders.CE_ID)).isNotBlank();
        assertThat(header(record.headers(), EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void headersForAFrameworkAreTheSameAttributesAsStrings() {
        Map<String, String> first = EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED, "/newsflow/enrichment-service", "a-1", NOW);
        Map<String, String> second = EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED, "/newsflow/enrichment-service", "a-1", NOW);

        assertThat(first).containsEntry(EventHeaders.CE_TYPE, "dev.newsflow.article.enriched.v1")
                .containsEntry(EventHeaders.CE_SPECVERSION, "1.0")
                .containsEntry(EventHeaders.CE_SUBJECT, "a-1")
                .containsEntry(EventHeaders.CONTENT_TYPE, "application/json")
                .containsKeys(EventHeaders.CE_ID, EventHeaders.CE_SOURCE, EventHeaders.CE_TIME);
        assertThat(first.get(EventHeaders.CE_ID)).isNotEqualTo(second.get(EventHeaders.CE_ID));
    }

    @Test
    void aWrittenRecordReadsBackAsTheSameEvent() {
        ProducerRecord<String, byte[]> record = EventHeaders.record(ArticleTopics.ARTICLE_ENRICHED, EventType.ARTICLE_ENRICHED,
                "/newsflow/enrichment-service", "a-2", NOW, "{}".getBytes(StandardCharsets.UTF_8));

        CloudEvent event = EventHeaders.read(record.headers(), record.value()).orElseThrow();

        assertThat(event.getType()).isEqualTo(EventType.ARTICLE_ENRICHED.ceType());
        assertThat(event.getSource()).isEqualTo(URI.create("/newsflow/enrichment-service"));
        assertThat(event.getSubject()).isEqualTo("a-2");
        assertThat(event.getTime().toInstant()).isEqualTo(NOW);
    }

    @Test
    void aRecordWithoutCeHeadersIsPlainJsonOfARecord() {
        assertThat(EventHeaders.read(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void headersThatClaimACloudEventButLackItsRequiredAttributesAreRejected() {
        Headers noSpecVersion = new RecordHeaders().add(EventHeaders.CE_TYPE, bytes(EventType.ARTICLE_SUBMITTED.ceType()));
        Headers noId = new RecordHeaders().add(EventHeaders.CE_SPECVERSION, bytes("1.0"))
                .add(EventHeaders.CE_TYPE, bytes(EventType.ARTICLE_SUBMITTED.ceType())).add(EventHeaders.CE_SOURCE, bytes("/x"));
        Headers badTime = new RecordHeaders().add(EventHeaders.CE_SPECVERSION, bytes("1.0")).add(EventHeaders.CE_ID, bytes("1"))
                .add(EventHeaders.CE_TYPE, bytes(EventType.ARTICLE_SUBMITTED.ceType())).add(EventHeaders.CE_SOURCE, bytes("/x"))
                .add(EventHeaders.CE_TIME, bytes("yesterday"));

        for (Headers headers : new Headers[] {noSpecVersion, noId, badTime}) {
            assertThatThrownBy(() -> EventHeaders.read(headers, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
