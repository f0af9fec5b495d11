package dev.newsflow.enrichment.text;

import java.util.List;
import java.util.Map;

/**
 * An article's text as {@link ArticleText#analyse} reads it.
 *
 * @param stemFrequencies how often each stem occurs, a headline occurrence counting {@value ArticleText#TITLE_WEIGHT}
 *                        times; the same stems as {@link ArticleText#termFrequencies}
 * @param phrases candidate key phrases (see {@link KeyPhrases}), with their stems and weighted counts
 * @param surfaces for each stem, the word it was first seen as (lower case), to show people words rather than stems
 */
public record AnalysedText(Map<String, Integer> stemFrequencies, List<Phrase> phrases, Map<String, String> surfaces) {

    /**
     * Up to {@value KeyPhrases#MAX_WORDS} adjacent words of the text that may be a key phrase.
     *
     * @param text as first written, lower case
     * @param stems the stems of its words
     * @param count the times it occurs, a headline occurrence counting double
     * @param inBody the times it occurs in the body
     * @param closing the times it closes a run of words (the next word is a function word, or punctuation
     *                follows): a phrase that closes its runs ends on its head noun, one that never does is a fragment
     *                ("flight" of "flight data")
     * @param named written with capitals inside a sentence at least once (a name: "Islamic State")
     * @param inLead found in the first fifth of the body (at least its first 40 words)
     * @param inHeadline found in the headline
     */
    public record Phrase(String text, List<String> stems, int count, int inBody, int closing, boolean named, boolean inLead,
            boolean inHeadline) {

        public Phrase {
            stems = List.copyOf(stems);
        }

        Phrase plus(Phrase other) {
            return new Phrase(text, stems, count + other.count, inBody + other.inBody, closing + other.closing,
                    named || other.named, inLead || other.inLead, inHeadline || other.inHeadline);
        }

        /** How many times it occurs, headline or body, each once. */
        public int occurrences() {
            return inBody + (inHeadline ? 1 : 0);
        }
    }
}
