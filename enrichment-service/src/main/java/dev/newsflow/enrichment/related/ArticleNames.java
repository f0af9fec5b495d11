package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import dev.newsflow.enrichment.text.ArticleText;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The stems an article writes as names: words capitalised inside a sentence of its body (people, places,
 * organisations, named events), stemmed as {@link ArticleText} stems everything else. Two reports of one event share its names;
 * two events of one kind share its vocabulary but not its names, so names are what tells them apart. Sentence
 * starts and the headline (often in title case) say nothing. Thread-safe: the analyzers reuse streams per thread.
 */
public final class ArticleNames {

    private final Analyzer words = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source);
        }
    };
    private final ArticleText text;

    public ArticleNames(ArticleText text) {
        this.text = text;
    }

    /** The stems of the words {@code body} writes capitalised inside a sentence. */
    public Set<String> of(String body) {
        if (body == null || body.isBlank()) {
            return Set.of();
        }
        StringBuilder names = new StringBuilder();
        try (TokenStream stream = words.tokenStream("body", body)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 1 && Character.isUpperCase(term.charAt(0)) && !startsSentence(body, offset.startOffset())) {
                    names.append(term).append(' ');
                }
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new HashSet<>(text.terms(names.toString()));
    }

    // What comes before the word, quotes and brackets skipped: nothing, a line break, or a sentence's or item's end.
    private static boolean startsSentence(String text, int start) {
        for (int i = start - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                return true;
            }
            if (Character.isWhitespace(ch) || ch == '"' || ch == '\'' || ch == '(' || ch == '[' || ch == '“' || ch == '‘') {
                continue;
            }
            return ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == ';' || ch == '-' || ch == '•' || ch == '—';
        }
        return true;
    }
}
