package dev.newsflow.enrichment.related;

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
            byte[] term = new byte[1 + 4 * ROWS];
            term[0] = (byte) band;
            for (int row = 0; row < ROWS; row++) {
                putInt(term, 1 + 4 * row, values[band * ROWS + row]);
            }
            bands.add(new BytesRef(term));
        }
        return bands;
    }

    /** The values as bytes, for doc values. */
    BytesRef toBytes() {
        byte[] bytes = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            putInt(bytes, 4 * i, values[i]);
        }
        return new BytesRef(bytes);
    }

    static MinHashSignature fromBytes(BytesRef bytes) {
        int[] values = new int[bytes.length / 4];
        for (int i = 0; i < values.length; i++) {
            int at = bytes.offset + 4 * i;
            values[i] = (bytes.bytes[at] & 0xff) << 24 | (bytes.bytes[at + 1] & 0xff) << 16
                    | (bytes.bytes[at + 2] & 0xff) << 8 | bytes.bytes[at + 3] & 0xff;
        }
        return values.length == 0 ? EMPTY : new MinHashSignature(values);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
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
