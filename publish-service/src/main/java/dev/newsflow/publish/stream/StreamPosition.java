package dev.newsflow.publish.stream;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a subscriber is in the enriched-article topic: per partition, the offset of the last event it has passed
 * (sent, or skipped by its filter). It is every SSE event's {@code id} ({@code partition:offset,…}), so a client
 * that reconnects with {@code Last-Event-ID} resumes exactly after what it received. Not thread-safe: one per
 * subscription.
 */
public final class StreamPosition {

    private final TreeMap<Integer, Long> offsets;

    private StreamPosition(Map<Integer, Long> offsets) {
        this.offsets = new TreeMap<>(offsets);
    }

    public static StreamPosition of(Map<Integer, Long> offsets) {
        return new StreamPosition(offsets);
    }

    /**
     * @throws IllegalArgumentException if {@code id} is not {@code partition:offset,…}
     */
    public static StreamPosition parse(String id) {
        Map<Integer, Long> offsets = new TreeMap<>();
        try {
            for (String entry : id.strip().split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                int partition = Integer.parseInt(entry.substring(0, colon).strip());
                long offset = Long.parseLong(entry.substring(colon + 1).strip());
                if (partition < 0 || offset < -1) {
                    throw new IllegalArgumentException("negative partition or offset");
                }
                offsets.put(partition, offset);
            }
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("An event id is partition:offset pairs separated by commas, e.g. 0:41,1:17; got '"
                    + id + "'", ex);
        }
        return new StreamPosition(offsets);
    }

    /** The offsets passed, by partition; a partition not in it has not been seen. */
    public Map<Integer, Long> offsets() {
        return Map.copyOf(offsets);
    }

    /** Moves past {@code offset} of {@code partition}, unless already there: {@code false} for an event already passed. */
    boolean advance(int partition, long offset) {
        Long current = offsets.get(partition);
        if (current != null && offset <= current) {
            return false;
        }
        offsets.put(partition, offset);
        return true;
    }

    /** The event id form: {@code partition:offset} pairs by partition, comma-separated. */
    public String id() {
        StringBuilder id = new StringBuilder();
        offsets.forEach((partition, offset) -> id.append(id.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
        return id.toString();
    }
}
