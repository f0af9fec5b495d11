package dev.newsflow.enrichment.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsflow.text.LinkBoxes;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
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
    // EnglishAnalyzer's chain, with each word also kept as written (marked as a keyword) before its stem.
    private final Analyzer surfaceAndStems = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream words = new StopFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)),
                    EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(source, new PorterStemFilter(new KeywordRepeatFilter(words)));
        }
    };

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

    /**
     * Term frequencies of an article, the headline weighted above the body; the body without its boxes of links to
     * other articles ({@link LinkBoxes}).
     */
    public Map<String, Integer> termFrequencies(String title, String body) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        terms(title).forEach(term -> frequencies.merge(term, TITLE_WEIGHT, Integer::sum));
        terms(LinkBoxes.strip(body)).forEach(term -> frequencies.merge(term, 1, Integer::sum));
        return frequencies;
    }

    /**
     * Stems and candidate key phrases of an article in one pass of the analyzer; stems as {@link #termFrequencies}
     * gives them (the body without its {@link LinkBoxes}).
     */
    public AnalysedText analyse(String title, String body) {
        Map<String, Integer> stems = new LinkedHashMap<>();
        Map<String, AnalysedText.Phrase> phrases = new LinkedHashMap<>();
        Map<String, String> surfaces = new HashMap<>();
        analyse(title, true, stems, phrases, surfaces);
        analyse(LinkBoxes.strip(body), false, stems, phrases, surfaces);
        return new AnalysedText(stems, List.copyOf(phrases.values()), surfaces);
    }

    private void analyse(String text, boolean headline, Map<String, Integer> stems, Map<String, AnalysedText.Phrase> phrases,
            Map<String, String> surfaces) {
        if (text == null || text.isBlank()) {
            return;
        }
        int weight = headline ? TITLE_WEIGHT : 1;
        List<KeyPhrases.Word> words = new ArrayList<>();
        try (TokenStream stream = surfaceAndStems.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            KeywordAttribute asWritten = stream.addAttribute(KeywordAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            String word = null;
            boolean joined = false;
            boolean hyphen = false;
            boolean capitalised = false;
            String surface = null;
            int previousEnd = -1;
            while (stream.incrementToken()) {
                if (asWritten.isKeyword()) {
                    word = term.toString();
                    // A removed stop word leaves a gap; punctuation between the words shows in the offsets.
                    hyphen = previousEnd >= 0 && offset.startOffset() == previousEnd + 1 && text.charAt(previousEnd) == '-';
                    joined = increment.getPositionIncrement() == 1 && previousEnd >= 0
                            && (hyphen || onlySpaceBetween(text, previousEnd, offset.startOffset()));
                    surface = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT)
                            .replace('’', '\'');
                    capitalised = Character.isUpperCase(text.charAt(offset.startOffset()))
                            && !startsSentence(text, offset.startOffset());
                    continue;
                }
                String stem = term.toString();
                stems.merge(stem, weight, Integer::sum);
                if (word != null) {
                    surfaces.putIfAbsent(stem, word);
                    words.add(new KeyPhrases.Word(word, surface, stem, capitalised, joined, hyphen));
                }
                previousEnd = offset.endOffset();
                word = null;
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        KeyPhrases.collect(words, weight, headline, phrases);
    }

    // After the start of a text or paragraph, a sentence's end, or an opening quote or bracket that follows one.
    private static boolean startsSentence(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':') {
                return true;
            }
            if (!Character.isWhitespace(c) && "\"'“‘(—–-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlySpaceBetween(String text, int from, int to) {
        if (from < 0 || to < from || to > text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
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
