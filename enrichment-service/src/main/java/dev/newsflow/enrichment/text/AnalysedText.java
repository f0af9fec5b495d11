package dev.newsflow.enrichment.text;

import java.util.List;
import java.util.Map;

/**
 * An article's text as {@link ArticleText#analyse} reads it.
 *
 * @param stemFrequencies how often each stem occurs, a headline occurrence counting {@value ArticleText#TITLE_WEIGHT}
 *                        times; the same stems as {@link ArticleText#termFrequencies}
 * @param phrases candidate key phrases: two adjacent words with no stop word or punctuation between them, as
 *                written (lower case), with their stems and weighted counts
 * @param surfaces for each stem, the word it was first seen as (lower case), to show people words rather than stems
 */
public record AnalysedText(Map<String, Integer> stemFrequencies, List<Phrase> phrases, Map<String, String> surfaces) {

    /** Two adjacent words of the text, {@code count} the times they occur (headline counting double). */
    public record Phrase(String text, String firstStem, String secondStem, int count) {
    }
}
