package dev.newsflow.keys;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * The publishers allowed to submit, each known by the SHA-256 of its API key, never the key itself. Configured as
 * {@code publisher=<sha256 hex of the key>} entries ({@code INGEST_API_KEYS}, comma-separated); a publisher may
 * have several keys, to rotate them. A single-newsroom set-up may instead give one plain key
 * ({@code NEWSFLOW_API_KEY}), which belongs to {@value #NEWSROOM} and is hashed here, at start.
 */
public final class ApiKeys {

    /** The publisher a plain key ({@code NEWSFLOW_API_KEY}) belongs to. */
    public static final String NEWSROOM = "newsroom";

    /**
     * The shortest plain key accepted ({@code NEWSFLOW_API_KEY}): 24 characters, what {@code openssl rand -base64 18}
     * gives, so that a key cannot be guessed. A hashed entry's key cannot be measured here; whoever hashes it checks.
     */
    public static final int MIN_KEY_LENGTH = 24;

    /** One configured key: the SHA-256 of the key and the publisher it belongs to. */
    private record Entry(byte[] keyHash, String publisher) {
    }

    private final List<Entry> entries;

    private ApiKeys(Map<String, String> publisherByKeyHash) {
        this.entries = publisherByKeyHash.entrySet().stream()
                .map(entry -> new Entry(HexFormat.of().parseHex(entry.getKey()), entry.getValue())).toList();
    }

    /**
     * @throws IllegalArgumentException if an entry is not {@code publisher=<64 hex digits>} or one key is configured
     *         for two publishers
     */
    public static ApiKeys parse(List<String> entries) {
        return parse(entries, null);
    }

    /**
     * The hashed {@code entries} plus, unless it is blank, {@code newsroomKey} in plain for publisher {@value #NEWSROOM}.
     *
     * @throws IllegalArgumentException if an entry is not {@code publisher=<64 hex digits>}, the plain key is shorter
     *         than {@value #MIN_KEY_LENGTH} characters, or one key is configured for two publishers
     */
    public static ApiKeys parse(List<String> entries, String newsroomKey) {
        Map<String, String> byHash = new LinkedHashMap<>();
        if (newsroomKey != null && !newsroomKey.isBlank()) {
            if (newsroomKey.strip().length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("NEWSFLOW_API_KEY must be at least " + MIN_KEY_LENGTH
                        + " characters (it has " + newsroomKey.strip().length() + "); make one with: openssl rand -base64 24");
            }
            byHash.put(sha256(newsroomKey.strip()), NEWSROOM);
        }
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
            String earlier = byHash.putIfAbsent(hash, publisher);
            // One key for two publishers would let either act as the other; which one it meant would be a guess.
            if (earlier != null && !earlier.equals(publisher)) {
                throw new IllegalArgumentException("The same API key is configured for publishers '" + earlier + "' and '"
                        + publisher + "'; give each publisher its own key");
            }
        }
        return new ApiKeys(Map.copyOf(byHash));
    }

    /** HTTP header that carries a key, as an alternative to {@code Authorization: Bearer <key>}. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final String BEARER = "bearer ";

    /**
     * The key a request presents, as {@code Authorization: Bearer <key>} (preferred) or
     * {@value #API_KEY_HEADER}{@code : <key>}, if any.
     */
    public static Optional<String> presentedKey(String authorizationHeader, String apiKeyHeader) {
        boolean bearer = authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String key = bearer ? authorizationHeader.substring(BEARER.length()) : apiKeyHeader;
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
    }

    /** The publisher whose key a request presents ({@link #presentedKey}), if any. */
    public Optional<String> publisherOf(String authorizationHeader, String apiKeyHeader) {
        return presentedKey(authorizationHeader, apiKeyHeader).flatMap(this::publisherOf);
    }

    /**
     * The publisher whose key {@code presented} is, if any. The key's hash is compared with every configured one in
     * constant time, so that the answer's timing tells nothing about how close a guess came.
     */
    public Optional<String> publisherOf(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = DigestUtils.sha256(presented.strip());
        String publisher = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.keyHash(), hash)) {
                publisher = entry.publisher();
            }
        }
        return Optional.ofNullable(publisher);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Hex SHA-256 of {@code key}, the form configuration holds. */
    public static String sha256(String key) {
        return DigestUtils.sha256Hex(key);
    }
}
