package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.text.LinkBoxes;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The stems an article writes as names: words capitalised inside a sentence of its body (people, places,
 * organisations, named events), stemmed as {@link ArticleText} stems everything else. Two reports of one event share its names;
 * two events of one kind share its vocabulary but not its names, so names are what tells them apart. Sentence
 * starts and the headline (often in title case) say nothing, nor do names only in later paragraphs: background
 * there often recalls another event of the kind (the lead is what the report is about). Thread-safe: the analyzers reuse streams per thread.
 */
public final class ArticleNames {

    /** Names count from this many paragraphs at the start of the body ... */
    static final int LEAD_PARAGRAPHS = 2;
    /** ... and from further paragraphs until the lead has this many words (wire copy writes one sentence a paragraph). */
    static final int LEAD_WORDS = 60;

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

    /** The stems of the words the lead of {@code body} writes capitalised inside a sentence. */
    public Set<String> of(String body) {
        if (body == null || body.isBlank()) {
            return Set.of();
        }
        StringBuilder names = new StringBuilder();
        String lead = lead(LinkBoxes.strip(body));
        try (TokenStream stream = words.tokenStream("body", lead)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 1 && Character.isUpperCase(term.charAt(0)) && !startsSentence(lead, offset.startOffset())) {
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

    // The first paragraphs, at least LEAD_WORDS words: what the report is about. Later paragraphs often give
    // background that names other events of the kind; their names would pull the article towards those events.
    static String lead(String body) {
        String[] paragraphs = body.split("\\n\\s*\\n");
        StringBuilder lead = new StringBuilder();
        int words = 0;
        for (int i = 0; i < paragraphs.length && (i < LEAD_PARAGRAPHS || words < LEAD_WORDS); i++) {
            lead.append(paragraphs[i]).append("\n\n");
            words += paragraphs[i].split("\\s+").length;
        }
        return lead.toString();
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
