package dev.newsflow.enrichment.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.springframework.stereotype.Component;

/**
 * English text analysis with Lucene's EnglishAnalyzer: tokens, lower case, stop words removed, Porter stems.
 * Thread-safe: the analyzer reuses token streams per thread.
 */
@Component
public class ArticleText {

    /** The headline counts this many times as much as a body word. */
    static final int TITLE_WEIGHT = 2;

    private final Analyzer analyzer = new EnglishAnalyzer();

    /** The analysed terms of {@code text}, in order. */
    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return terms;
    }

    /** Term frequencies of an article, the headline weighted above the body. */
    public Map<String, Integer> termFrequencies(String title, String body) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        terms(title).forEach(term -> frequencies.merge(term, TITLE_WEIGHT, Integer::sum));
        terms(body).forEach(term -> frequencies.merge(term, 1, Integer::sum));
        return frequencies;
    }

    /** The {@code limit} most frequent terms, most frequent first, ties alphabetical. */
    public List<String> keywords(Map<String, Integer> frequencies, int limit) {
        return frequencies.entrySet().stream()
                .filter(entry -> entry.getKey().length() > 2 && !entry.getKey().chars().allMatch(Character::isDigit))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }
}
