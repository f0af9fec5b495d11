package dev.newsflow.benchmarks.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;

/** One run: its name (the prefix of its events' titles), and when each of its events was sent and acknowledged. */
final class StreamRun {

    final String name;
    final byte[] prefix;
    final int events;
    final AtomicLongArray sentAt;
    // When the broker acknowledged each event (0 until it did).
    final AtomicLongArray ackedAt;

    StreamRun(String name, int events) {
        this.name = name;
        this.prefix = (name + "-").getBytes(StandardCharsets.US_ASCII);
        this.events = events;
        this.sentAt = new AtomicLongArray(events);
        this.ackedAt = new AtomicLongArray(events);
    }
}
