package dev.newsflow.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents attributes of the contract's events, written and read by the CloudEvents SDK's Kafka protocol binding
 * in binary mode: each attribute travels as a {@code ce_}-prefixed header holding its UTF-8 string value, the body is
 * the plain JSON of the record. The constants name the headers for consumers that read them by hand.
 */
public final class EventHeaders {

    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_TIME = "ce_time";
    /** The article id, so that a consumer can route without parsing the body. */
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    private static final String PREFIX = "ce_";

    private EventHeaders() {
    }

    /** A fresh CloudEvent (new id) for one event of {@code type} about {@code articleId}; {@code json} its body. */
    public static CloudEvent event(EventType type, String source, String articleId, Instant time, byte[] json) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(type.ceType())
                .withSource(URI.create(source))
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withSubject(articleId);
        return (json == null ? event.withDataContentType(JSON) : event.withData(JSON, json)).build();
    }

    /** The record of one event on {@code topic}, keyed by article id, its attributes as {@code ce_*} headers. */
    public static ProducerRecord<String, byte[]> record(String topic, EventType type, String source, String articleId,
            Instant time, byte[] json) {
        return KafkaMessageFactory.<String>createWriter(topic, articleId).writeBinary(event(type, source, articleId, time, json));
    }

    /**
     * The {@code ce_*} and {@code content-type} headers of a fresh event of {@code type} about {@code articleId},
     * as strings: for producers that hand headers to a framework (Spring Cloud Stream) rather than to a record.
     */
    public static Map<String, String> cloudEvent(EventType type, String source, String articleId, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record("-", type, source, articleId, time, null).headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * The CloudEvent a record's headers describe, or empty when the record carries no {@code ce_*} header (plain JSON
     * of a record, which the contract also accepts).
     *
     * @throws IllegalArgumentException if the headers claim a CloudEvent but are not a valid one (no spec version,
     *         id, source or type, or a malformed value)
     */
    public static Optional<CloudEvent> read(Headers headers, byte[] body) {
        boolean claimed = false;
        for (Header header : headers) {
            claimed |= header.key().startsWith(PREFIX);
        }
        if (!claimed) {
            return Optional.empty();
        }
        try {
            MessageReader reader = KafkaMessageFactory.createReader(headers, body);
            if (reader.getEncoding() != Encoding.BINARY) {
                throw new IllegalArgumentException("Only binary-mode CloudEvents (ce_* headers, JSON body) are accepted");
            }
            return Optional.of(reader.toEvent());
        }
        catch (CloudEventRWException | IllegalStateException ex) {
            throw new IllegalArgumentException("Not a valid CloudEvent: " + ex.getMessage(), ex);
        }
    }
}
