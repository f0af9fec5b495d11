package dev.newsflow.enrichment.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.messaging.Message;

/** Reads a record's bytes as an event of the contract, or fails with {@link InvalidEventException}. */
public final class IncomingEvent {

    private IncomingEvent() {
    }

    /**
     * The payload of {@code message} as a {@code type} event.
     *
     * @throws InvalidEventException if the record's CloudEvents headers are not a valid CloudEvent or carry another
     *         event type, or its body is not valid JSON of that type
     */
    public static <T> T read(Message<byte[]> message, EventType type, Class<T> payloadType) {
        RecordHeaders headers = cloudEventHeaders(message);
        Header ceType = headers.lastHeader(EventHeaders.CE_TYPE);
        String actual = ceType == null ? null : new String(ceType.value(), StandardCharsets.UTF_8);
        if (actual != null && !type.ceType().equals(actual)) {
            throw new InvalidEventException("Unexpected event type " + actual + " (expected " + type.ceType() + ")");
        }
        try {
            EventHeaders.read(headers, message.getPayload());
            return ArticleEventJson.read(message.getPayload(), payloadType);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEventException(ex.getMessage(), ex);
        }
    }

    // The record's ce_* headers as Kafka headers again: Spring Cloud Function hands CloudEvents attributes over under
    // their canonical "ce-" names, the binder under the record's own "ce_" ones.
    private static RecordHeaders cloudEventHeaders(Message<byte[]> message) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if ((name.startsWith("ce_") || name.startsWith("ce-")) && value != null) {
                attributes.put("ce_" + name.substring(3),
                        value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        RecordHeaders headers = new RecordHeaders();
        attributes.forEach(headers::add);
        return headers;
    }
}
