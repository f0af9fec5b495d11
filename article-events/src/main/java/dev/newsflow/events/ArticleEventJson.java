package dev.newsflow.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON codec for the contract's events: ISO-8601 instants, unknown fields ignored so that consumers keep
 * working when producers add fields.
 */
public final class ArticleEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ArticleEventJson() {
    }

    /** The mapper the codec uses, configured as the contract requires. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * Reads an event body.
     *
     * @throws IllegalArgumentException if the bytes are not a valid event of that type
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Not a valid " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }
}
