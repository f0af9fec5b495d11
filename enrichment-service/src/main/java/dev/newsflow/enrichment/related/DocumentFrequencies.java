package dev.newsflow.enrichment.related;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In how many indexed articles each stem occurs, kept current as articles are indexed, replaced and pruned, so
 * that weights use the corpus as it is now. Held in memory, by the stem's {@link TermVector#hash}: one entry per
 * distinct stem of the window. Thread-safe: a concurrent map and an atomic count.
 */
public final class DocumentFrequencies {

    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicInteger documents = new AtomicInteger();

    void add(TermVector terms) {
        documents.incrementAndGet();
        for (long hash : terms.hashes()) {
            counts.merge(hash, 1, Integer::sum);
        }
    }

    void remove(TermVector terms) {
        documents.decrementAndGet();
        for (long hash : terms.hashes()) {
            counts.computeIfPresent(hash, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    void clear() {
        counts.clear();
        documents.set(0);
    }

    /** Smoothed inverse document frequency, {@code ln((1 + N) / (1 + df)) + 1}: 1 for a stem every article has. */
    public double idf(String stem) {
        return idf(TermVector.hash(stem));
    }

    double idf(long hash) {
        return Math.log((1.0 + documents.get()) / (1.0 + counts.getOrDefault(hash, 0))) + 1.0;
    }

    /** In how many articles {@code stem} occurs. */
    public int documentFrequency(String stem) {
        return counts.getOrDefault(TermVector.hash(stem), 0);
    }

    /** How many articles are counted. */
    public int documents() {
        return documents.get();
    }

    /** How many distinct stems are counted. */
    public int vocabulary() {
        return counts.size();
    }
}
