package dev.newsflow.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Kafka header names of the contract: the CloudEvents Kafka protocol binding in binary mode, where each
 * CloudEvents attribute travels as a {@code ce_}-prefixed header holding its UTF-8 string value.
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

    private EventHeaders() {
    }

    /** A fresh set of CloudEvents attributes for one event of {@code type} about {@code articleId}. */
    public static Map<String, String> cloudEvent(EventType type, String source, String articleId, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CE_ID, UUID.randomUUID().toString());
        headers.put(CE_TYPE, type.ceType());
        headers.put(CE_SOURCE, source);
        headers.put(CE_SPECVERSION, SPEC_VERSION);
        headers.put(CE_TIME, time.toString());
        headers.put(CE_SUBJECT, articleId);
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }
}
