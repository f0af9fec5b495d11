package dev.newsflow.enrichment.related;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In how many indexed articles each stem occurs, kept current as articles are indexed, replaced and pruned, so
 * that keyword weights use the corpus as it is now. Held in memory: one entry per distinct stem of the window.
 */
public final class DocumentFrequencies {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicInteger documents = new AtomicInteger();

    void add(Collection<String> stems) {
        documents.incrementAndGet();
        stems.forEach(stem -> counts.merge(stem, 1, Integer::sum));
    }

    void remove(Collection<String> stems) {
        documents.decrementAndGet();
        stems.forEach(stem -> counts.computeIfPresent(stem, (key, count) -> count <= 1 ? null : count - 1));
    }

    void clear() {
        counts.clear();
        documents.set(0);
    }

    /** Smoothed inverse document frequency, {@code ln((1 + N) / (1 + df)) + 1}: 1 for a stem every article has. */
    public double idf(String stem) {
        return Math.log((1.0 + documents.get()) / (1.0 + counts.getOrDefault(stem, 0))) + 1.0;
    }

    /** In how many articles {@code stem} occurs. */
    public int documentFrequency(String stem) {
        return counts.getOrDefault(stem, 0);
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
