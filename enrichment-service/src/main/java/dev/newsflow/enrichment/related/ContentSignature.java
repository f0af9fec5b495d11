package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * empty buckets filled from their neighbours. The share of buckets two signatures agree on estimates the Jaccard
 * similarity of their shingle sets. Headlines are left out: syndicated copies often get a headline of their own.
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
     * The distinct min-hash values of {@code body} as hex strings, or an empty list for a body under
     * {@value #MIN_WORDS} words.
     */
    public List<String> of(String body) {
        if (body == null || wordCount(body) < MIN_WORDS) {
            return List.of();
        }
        Set<String> hashes = new LinkedHashSet<>();
        HexFormat hex = HexFormat.of();
        try (TokenStream stream = analyzer.tokenStream("body", body)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                // The filter packs 128 hash bits into 8 chars; hex keeps them intact as an index term.
                StringBuilder value = new StringBuilder(32);
                for (int i = 0; i < term.length(); i++) {
                    value.append(hex.toHexDigits(term.charAt(i)));
                }
                hashes.add(value.toString());
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new ArrayList<>(hashes);
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
