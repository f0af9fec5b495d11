package dev.newsflow.enrichment.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class IncomingEventTest {

    private final CategoriesCorrected correction = new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, "a-1",
            List.of("sport"), "daily-example", Instant.parse("2026-11-20T10:16:00Z"));
    private final byte[] json = ArticleEventJson.write(correction);

    @Test
    void aCloudEventOfTheExpectedTypeIsRead() {
        Map<String, String> headers = EventHeaders.cloudEvent(EventType.CATEGORIES_CORRECTED, "/newsflow/publish-service", "a-1",
                Instant.now());

        assertThat(read(MessageBuilder.withPayload(json).copyHeaders(headers).build())).isEqualTo(correction);
    }

    @Test
    void attributesUnderSpringsCanonicalNamesAndAsBytesAreReadToo() {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(json);
        EventHeaders.cloudEvent(EventType.CATEGORIES_CORRECTED, "/newsflow/publish-service", "a-1", Instant.now())
                .forEach((name, value) -> message.setHeader(name.replace("ce_", "ce-"), value.getBytes(StandardCharsets.UTF_8)));

        assertThat(read(message.build())).isEqualTo(correction);
    }

    @Test
    void plainJsonOfTheRecordWithoutCloudEventsHeadersIsAccepted() {
        assertThat(read(MessageBuilder.withPayload(json).build())).isEqualTo(correction);
    }

    @Test
    void anotherEventTypeIsRejected() {
        Message<byte[]> message = MessageBuilder.withPayload(json).copyHeaders(EventHeaders.cloudEvent(EventType.ARTICLE_ENRICHED,
                "/newsflow/enrichment-service", "a-1", Instant.now())).build();

        assertThatThrownBy(() -> read(message)).isInstanceOf(InvalidEventException.class).hasMessageContaining("Unexpected event type");
    }

    @Test
    void headersThatClaimACloudEventWithoutItsRequiredAttributesAreRejected() {
        Message<byte[]> noId = MessageBuilder.withPayload(json).setHeader(EventHeaders.CE_SPECVERSION, "1.0")
                .setHeader(EventHeaders.CE_TYPE, EventType.CATEGORIES_CORRECTED.ceType()).setHeader(EventHeaders.CE_SOURCE, "/x").build();

        assertThatThrownBy(() -> read(noId)).isInstanceOf(InvalidEventException.class).hasMessageContaining("CloudEvent");
    }

    private static CategoriesCorrected read(Message<byte[]> message) {
        return IncomingEvent.read(message, EventType.CATEGORIES_CORRECTED, CategoriesCorrected.class);
    }
}
