package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.newsflow.text.LinkBoxes;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.minhash.MinHashFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * MinHash signatures of article bodies, for finding near-identical copies: Lucene's {@link MinHashFilter} over
 * word 5-shingles (lower case, stop words kept), one hash function split into {@value #BUCKETS} buckets with
 * empty buckets filled from their neighbours ({@link MinHashSignature}). Headlines are left out: syndicated copies
 * often get a headline of their own.
 */
public final class ContentSignature {

    /** How many min-hash values a signature has. */
    public static final int BUCKETS = 128;
    /** Shorter bodies are not compared: a few shared words say nothing about copying. */
    public static final int MIN_WORDS = 25;
    private static final int SHINGLE_WORDS = 5;

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            ShingleFilter shingles = new ShingleFilter(new LowerCaseFilter(source), SHINGLE_WORDS, SHINGLE_WORDS);
            shingles.setOutputUnigrams(false);
            return new TokenStreamComponents(source, new MinHashFilter(shingles, 1, BUCKETS, 1, true));
        }
    };

    /**
     * The signature of {@code text} without its boxes of links to other articles ({@link LinkBoxes}), or {@link MinHashSignature#EMPTY} for a body under {@value #MIN_WORDS} words.
     */
    public MinHashSignature of(String text) {
        String body = LinkBoxes.strip(text);
        if (body == null || wordCount(body) < MIN_WORDS) {
            return MinHashSignature.EMPTY;
        }
        int[] values = new int[BUCKETS];
        int bucket = 0;
        try (TokenStream stream = analyzer.tokenStream("body", body)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            // One token per bucket, in bucket order; the filter packs a 128-bit hash into 8 chars of 16 bits,
            // folded here into 32 bits (a false agreement per bucket has odds of 1 in 2^32).
            while (stream.incrementToken() && bucket < BUCKETS) {
                int value = 0;
                for (int i = 0; i + 1 < term.length(); i += 2) {
                    value ^= term.charAt(i) << 16 | term.charAt(i + 1);
                }
                values[bucket++] = value;
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bucket == BUCKETS ? new MinHashSignature(values) : MinHashSignature.EMPTY;
    }

    private static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }
}
