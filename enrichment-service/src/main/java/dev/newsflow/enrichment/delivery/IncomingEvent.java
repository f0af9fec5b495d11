package dev.newsflow.enrichment.delivery;

import java.nio.charset.StandardCharsets;

import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import org.springframework.messaging.Message;

/** Reads a record's bytes as an event of the contract, or fails with {@link InvalidEventException}. */
public final class IncomingEvent {

    private IncomingEvent() {
    }

    /**
     * The payload of {@code message} as a {@code type} event.
     *
     * @throws InvalidEventException if the record carries another event type or is not valid JSON of that type
     */
    public static <T> T read(Message<byte[]> message, EventType type, Class<T> payloadType) {
        // Spring Cloud Function hands CloudEvents attributes over under their canonical "ce-" names.
        Object header = message.getHeaders().getOrDefault("ce-type", message.getHeaders().get(EventHeaders.CE_TYPE));
        String ceType = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : header == null ? null : header.toString();
        if (ceType != null && !type.ceType().equals(ceType)) {
            throw new InvalidEventException("Unexpected event type " + ceType + " (expected " + type.ceType() + ")");
        }
        try {
            return ArticleEventJson.read(message.getPayload(), payloadType);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEventException(ex.getMessage(), ex);
        }
    }
}
