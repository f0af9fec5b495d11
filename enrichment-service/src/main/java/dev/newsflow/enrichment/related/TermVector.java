package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.codecs.bloom.MurmurHash64;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * Every stem of an article with its count, for the whole-text cosine that ranks related candidates: stems as 64-bit
 * hashes (sorted, so that two vectors meet in one merge), each marked if the article writes it as a name
 * ({@link ArticleNames}). Kept in a doc value per article, so a candidate's whole text is compared without reading
 * its stems as strings.
 */
public final class TermVector {

    /** The vector of an article without text. */
    public static final TermVector EMPTY = new TermVector(new long[0], new int[0], new boolean[0]);

    private final long[] hashes;
    private final int[] counts;
    private final boolean[] names;

    private TermVector(long[] hashes, int[] counts, boolean[] names) {
        this.hashes = hashes;
        this.counts = counts;
        this.names = names;
    }

    /** The vector of {@code stemFrequencies}, the stems in {@code names} marked as names. */
    public static TermVector of(Map<String, Integer> stemFrequencies, Set<String> names) {
        long[][] entries = new long[stemFrequencies.size()][];
        int i = 0;
        for (Map.Entry<String, Integer> stem : stemFrequencies.entrySet()) {
            entries[i++] = new long[] {hash(stem.getKey()), stem.getValue(), names.contains(stem.getKey()) ? 1 : 0};
        }
        Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
        long[] hashes = new long[entries.length];
        int[] counts = new int[entries.length];
        boolean[] marked = new boolean[entries.length];
        for (i = 0; i < entries.length; i++) {
            hashes[i] = entries[i][0];
            counts[i] = (int) entries[i][1];
            marked[i] = entries[i][2] == 1;
        }
        return new TermVector(hashes, counts, marked);
    }

    /** The hash a stem is known by, in vectors and {@link DocumentFrequencies}. */
    public static long hash(String stem) {
        return MurmurHash64.INSTANCE.hash(new BytesRef(stem));
    }

    /** The stems' hashes, sorted. */
    long[] hashes() {
        return hashes;
    }

    public int size() {
        return hashes.length;
    }

    /** Whether the article has the stem of {@code hash}. */
    boolean contains(long hash) {
        return Arrays.binarySearch(hashes, hash) >= 0;
    }

    /**
     * The L2-normalised weights {@code (1 + ln count) * idf}, a name's multiplied by {@code nameBoost}, in the order
     * of {@link #hashes()}.
     */
    double[] weights(DocumentFrequencies frequencies, double nameBoost) {
        double[] weights = new double[hashes.length];
        double norm = 0;
        for (int i = 0; i < hashes.length; i++) {
            double weight = (1 + Math.log(counts[i])) * frequencies.idf(hashes[i]) * (names[i] ? nameBoost : 1);
            weights[i] = weight;
            norm += weight * weight;
        }
        if (norm > 0) {
            double length = Math.sqrt(norm);
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= length;
            }
        }
        return weights;
    }

    /** The cosine of two vectors, given their {@link #weights}: one merge of the sorted hashes. */
    static double cosine(TermVector a, double[] aWeights, TermVector b, double[] bWeights) {
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < a.hashes.length && j < b.hashes.length) {
            int order = Long.compare(a.hashes[i], b.hashes[j]);
            if (order == 0) {
                dot += aWeights[i++] * bWeights[j++];
            }
            else if (order < 0) {
                i++;
            }
            else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeVInt(hashes.length);
        for (int i = 0; i < hashes.length; i++) {
            out.writeLong(hashes[i]);
            out.writeVInt(counts[i] << 1 | (names[i] ? 1 : 0));
        }
    }

    static TermVector readFrom(DataInput in) throws IOException {
        int size = in.readVInt();
        long[] hashes = new long[size];
        int[] counts = new int[size];
        boolean[] names = new boolean[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = in.readLong();
            int count = in.readVInt();
            counts[i] = count >>> 1;
            names[i] = (count & 1) == 1;
        }
        return new TermVector(hashes, counts, names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TermVector vector && Arrays.equals(hashes, vector.hashes) && Arrays.equals(counts, vector.counts)
                && Arrays.equals(names, vector.names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "TermVector[" + hashes.length + " stems]";
    }
}
