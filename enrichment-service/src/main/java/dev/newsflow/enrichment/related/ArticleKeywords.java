package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.KeyPhrases;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * An article's top weighted terms and key phrases.
 *
 * <p>Function words are left out: the analyzer's short stop list, and the longer Snowball English stop list (words
 * such as "were", "would", "after"), which Lucene ships for exactly this.
 *
 * <p>A stem's weight is {@code (1 + ln tf) * idf}, with the headline counting double in {@code tf} and {@code idf}
 * from the {@link DocumentFrequencies} of the indexed corpus; the top {@code limit} are kept and L2-normalised, so
 * that the dot product of two articles' weights is their cosine similarity. Key phrases are chosen by
 * {@link KeyPhrases} with the same {@code idf}.
 *
 * @param weights stems with their weights, best first
 * @param phrases key phrases as written, best first
 */
public record ArticleKeywords(Map<String, Double> weights, List<String> phrases) {

    private static final CharArraySet FUNCTION_WORDS = snowballStopWords();

    public static ArticleKeywords of(AnalysedText text, DocumentFrequencies frequencies, int limit, int phraseLimit) {
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        text.stemFrequencies().forEach((stem, tf) -> {
            if (meaningful(stem) && !FUNCTION_WORDS.contains(text.surfaces().getOrDefault(stem, stem))) {
                scored.add(Map.entry(stem, (1 + Math.log(tf)) * frequencies.idf(stem)));
            }
        });
        scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Double>> top = scored.subList(0, Math.min(limit, scored.size()));
        double norm = Math.sqrt(top.stream().mapToDouble(entry -> entry.getValue() * entry.getValue()).sum());
        Map<String, Double> weights = new LinkedHashMap<>();
        top.forEach(entry -> weights.put(entry.getKey(), Math.round(entry.getValue() / norm * 10_000.0) / 10_000.0));

        List<String> phrases = KeyPhrases.select(text.phrases(), frequencies::idf, phraseLimit);
        return new ArticleKeywords(weights, phrases);
    }

    private static CharArraySet snowballStopWords() {
        try (Reader list = IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            return WordlistLoader.getSnowballWordSet(list);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // Stems of one or two letters and bare numbers say little about what an article is about.
    private static boolean meaningful(String stem) {
        return stem.length() > 2 && !stem.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ',');
    }

    /** The stems, best first. */
    public List<String> terms() {
        return List.copyOf(weights.keySet());
    }
}
