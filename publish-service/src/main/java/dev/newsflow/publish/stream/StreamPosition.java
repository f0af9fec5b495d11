package dev.newsflow.publish.stream;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a subscriber is in the enriched-article topic: per partition, the offset of the last event it has passed
 * (sent, or skipped by its filter). It is every SSE event's {@code id} ({@code partition:offset,…}), so a client
 * that reconnects with {@code Last-Event-ID} resumes exactly after what it received. Not thread-safe: one per
 * subscription.
 */
public final class StreamPosition {

    // The partitions seen, ascending, and the offset passed in each. Arrays rather than a map: every live event
    // advances every subscriber's position, and a thousand subscribers' tree maps were a visible share of the fan-out.
    private int[] partitions = new int[0];
    private long[] offsets = new long[0];

    private StreamPosition(Map<Integer, Long> offsets) {
        offsets.forEach(this::put);
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
        Map<Integer, Long> passed = new TreeMap<>();
        for (int i = 0; i < partitions.length; i++) {
            passed.put(partitions[i], offsets[i]);
        }
        return Collections.unmodifiableMap(passed);
    }

    /** Moves past {@code offset} of {@code partition}, unless already there: {@code false} for an event already passed. */
    boolean advance(int partition, long offset) {
        int i = indexOf(partition);
        if (i >= 0 && offset <= offsets[i]) {
            return false;
        }
        put(partition, offset);
        return true;
    }

    private void put(int partition, long offset) {
        int i = indexOf(partition);
        if (i >= 0) {
            offsets[i] = offset;
            return;
        }
        // A partition seen for the first time: rare, so simply rebuilt.
        TreeMap<Integer, Long> all = new TreeMap<>(offsets());
        all.put(partition, offset);
        partitions = all.keySet().stream().mapToInt(Integer::intValue).toArray();
        offsets = all.values().stream().mapToLong(Long::longValue).toArray();
    }

    private int indexOf(int partition) {
        return Arrays.binarySearch(partitions, partition);
    }

    /** The event id form: {@code partition:offset} pairs by partition, comma-separated. */
    public String id() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < partitions.length; i++) {
            id.append(i == 0 ? "" : ",").append(partitions[i]).append(':').append(offsets[i]);
        }
        return id.toString();
    }
}
