package dev.newsflow.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The publishers allowed to submit, each known by the SHA-256 of its API key, never the key itself. Configured as
 * {@code publisher=<sha256 hex of the key>} entries ({@code INGEST_API_KEYS}, comma-separated); a publisher may
 * have several keys, to rotate them.
 */
public final class ApiKeys {

    private final Map<String, String> publisherByKeyHash;

    private ApiKeys(Map<String, String> publisherByKeyHash) {
        this.publisherByKeyHash = publisherByKeyHash;
    }

    /**
     * @throws IllegalArgumentException if an entry is not {@code publisher=<64 hex digits>}
     */
    public static ApiKeys parse(List<String> entries) {
        Map<String, String> byHash = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int separator = entry.indexOf('=');
            String publisher = separator < 0 ? "" : entry.substring(0, separator).strip();
            String hash = separator < 0 ? "" : entry.substring(separator + 1).strip().toLowerCase(Locale.ROOT);
            if (publisher.isEmpty() || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("API key entries must be publisher=<SHA-256 of the key, 64 hex digits>; got '"
                        + (separator < 0 ? "(no '=')" : publisher + "=…") + "'");
            }
            byHash.put(hash, publisher);
        }
        return new ApiKeys(Map.copyOf(byHash));
    }

    /** HTTP header that carries a key, as an alternative to {@code Authorization: Bearer <key>}. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final String BEARER = "bearer ";

    /**
     * The publisher whose key a request presents, as {@code Authorization: Bearer <key>} (preferred) or
     * {@value #API_KEY_HEADER}{@code : <key>}, if any.
     */
    public Optional<String> publisherOf(String authorizationHeader, String apiKeyHeader) {
        boolean bearer = authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length());
        return publisherOf(bearer ? authorizationHeader.substring(BEARER.length()) : apiKeyHeader);
    }

    /** The publisher whose key {@code presented} is, if any. */
    public Optional<String> publisherOf(String presented) {
        return presented == null || presented.isBlank() ? Optional.empty()
                : Optional.ofNullable(publisherByKeyHash.get(sha256(presented.strip())));
    }

    public boolean isEmpty() {
        return publisherByKeyHash.isEmpty();
    }

    /** Hex SHA-256 of {@code key}, the form configuration holds. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JVM", ex);
        }
    }
}
