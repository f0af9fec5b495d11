package dev.newsflow.enrichment.related;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.util.BytesRef;

/**
 * A body's MinHash signature ({@link ContentSignature}): one value per bucket, in bucket order. The share of
 * buckets on which two signatures agree estimates the Jaccard similarity of the bodies' shingle sets.
 *
 * <p>For lookups the signature is cut into {@value #BANDS} bands of {@value #ROWS} buckets (locality-sensitive
 * hashing): two bodies of similarity {@code s} share at least one band with probability
 * {@code 1 - (1 - s^3)^42}, 0.996 at the copy threshold of 0.5 and 0.29 at 0.2. So an index of the bands finds
 * copies with 42 terms instead of 128, and each band it finds is checked against the whole signature.
 */
public final class MinHashSignature {

    /** The signature of a body too short to compare: it matches nothing. */
    public static final MinHashSignature EMPTY = new MinHashSignature(new int[0]);
    static final int ROWS = 3;
    static final int BANDS = ContentSignature.BUCKETS / ROWS;

    private final int[] values;

    MinHashSignature(int[] values) {
        this.values = values;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /**
     * The estimated Jaccard similarity of the two bodies: the share of buckets with the same value; 0 if either is
     * empty.
     */
    public double similarity(MinHashSignature other) {
        if (isEmpty() || other.values.length != values.length) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == other.values[i]) {
                same++;
            }
        }
        return (double) same / values.length;
    }

    /** The band terms: band number and its buckets' values, so that the same values in another band differ. */
    List<BytesRef> bands() {
        if (isEmpty()) {
            return List.of();
        }
        List<BytesRef> bands = new ArrayList<>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            ByteBuffer term = ByteBuffer.allocate(1 + Integer.BYTES * ROWS).put((byte) band);
            term.asIntBuffer().put(values, band * ROWS, ROWS);
            bands.add(new BytesRef(term.array()));
        }
        return bands;
    }

    /** The values as bytes, for doc values. */
    BytesRef toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES * values.length);
        bytes.asIntBuffer().put(values);
        return new BytesRef(bytes.array());
    }

    static MinHashSignature fromBytes(BytesRef bytes) {
        int[] values = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).asIntBuffer().get(values);
        return values.length == 0 ? EMPTY : new MinHashSignature(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinHashSignature signature && Arrays.equals(values, signature.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MinHashSignature[" + values.length + " buckets]";
    }
}
