package dev.newsflow.enrichment.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Key phrases: the noun phrases an editor would tag an article with ("military cooperation", "hmeimim air base",
 * "islamic state"), never fragments such as "russia would" or "the minister".
 *
 * <p>Candidates are runs of up to four words with no punctuation between them, cut at every function word (Lucene's
 * Snowball English stop list: articles, pronouns, auxiliaries, modals, prepositions), at verbs a news text is full
 * of (reporting verbs, common irregular past forms, "-ly" adverbs), and at dates and numbers in words; an "-ed"
 * word may only open a phrase, as a modifier ("armed groups"), an "-ing" word only close one, and weak
 * adjectives ("new", "former", "last") do not start one. So no phrase begins or ends with a function word or modal.
 *
 * <p>A candidate scores {@code (1 + ln count) * mean idf of its stems}, more for two or three words, for a name
 * (capitalised inside sentences), and for appearing in the headline or the lead. A single word must be a name seen
 * twice or a word seen three times; a phrase seen once must be a name, or only fills the list after the others.
 * Every phrase must occur in
 * the body, and end where its words do (before a function word or punctuation) at least half the times: so
 * "flight" of "flight data" and "russian" of "russian officers" are not phrases. Phrases inside or around a chosen
 * one are skipped.
 */
public final class KeyPhrases {

    static final int MAX_WORDS = 4;
    private static final CharArraySet FUNCTION_WORDS = snowballStopWords();
    private static final Set<String> BREAKS = Set.of(
            // Verbs and adverbs a news text is full of, which the stop list lacks.
            "said", "says", "say", "told", "tell", "tells", "added", "according", "including", "asked", "called", "made",
            "make", "makes", "took", "take", "takes", "gave", "give", "gives", "went", "go", "goes", "came", "come",
            "comes", "got", "get", "gets", "saw", "see", "seen", "found", "find", "held", "began", "begun", "left",
            "brought", "thought", "kept", "sent", "spent", "built", "felt", "met", "paid", "won", "lost", "led", "fell",
            "rose", "ran", "wrote", "spoke", "struck", "became", "become", "knew", "know", "grew", "drew", "chose", "flew",
            "sought", "fought", "bought", "sold", "stood", "want", "wants", "need", "needs", "think", "believe", "seem",
            "seems", "show", "shows", "shown", "also", "just", "still", "even", "yet", "already", "however", "well",
            "around", "least", "almost", "per", "via", "toward", "towards", "among", "within", "without", "across",
            "despite", "since", "although", "though", "whether", "like", "unlike", "would", "could", "should", "might",
            "must", "may", "will", "can", "shall", "cannot", "percent", "cent", "mr", "mrs", "ms", "dr", "etc", "ago",
            "now", "often", "never", "always", "soon", "later", "perhaps", "maybe", "rather", "quite", "much", "many",
            "overnight", "abroad", "ahead", "instead", "together", "meanwhile", "elsewhere", "anyway", "away", "back",
            // Dates and numbers in words.
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
            "april", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday",
            "tomorrow", "tonight", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
            "minute", "minutes", "time", "times", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen",
            "dozens", "half", "people", "thing", "things", "way", "lot", "part", "number", "kind", "sort");
    private static final Set<String> WEAK_START = Set.of("new", "last", "next", "first", "second", "third", "other",
            "several", "few", "more", "most", "such", "own", "same", "former", "recent", "major", "latest", "early", "late",
            "possible", "current", "key", "main", "top", "big", "small", "large", "long", "high", "low", "old", "great",
            "good", "bad", "little", "full", "whole", "real", "certain", "various", "further", "similar", "different",
            "senior", "final", "previous", "future", "another", "every", "each", "any", "both", "additional", "initial",
            "lowest", "highest", "biggest", "largest", "smallest", "best", "worst", "greatest", "strongest", "longest",
            "oldest", "youngest", "fastest", "newest", "deadliest", "busiest");
    // Words in "-ly" that are nouns, not adverbs.
    private static final Set<String> LY_NOUNS = Set.of("italy", "july", "family", "assembly", "supply", "rally", "ally",
            "anomaly", "monopoly", "reply", "melly", "bully", "belly", "jelly", "lily", "emily", "kelly", "sally", "holly",
            "ply", "apply", "fly", "butterfly", "dragonfly", "firefly");
    // Nouns in "-ing", which may end a phrase ("cabinet meeting", "global warming").
    private static final Set<String> ING_NOUNS = Set.of("meeting", "building", "funding", "training", "housing", "spending",
            "bombing", "shooting", "hearing", "ruling", "offering", "warning", "briefing", "ceiling", "evening", "morning",
            "wedding", "clothing", "landing", "opening", "rating", "reading", "setting", "shipping", "timing", "painting",
            "marketing", "banking", "lending", "trading", "mining", "fishing", "farming", "parking", "recording",
            "screening", "uprising", "wellbeing", "gathering", "killing", "kidnapping", "looting", "fighting", "flooding",
            "warming", "heating", "pricing", "polling", "voting", "lobbying", "booking", "coding", "dumping", "fencing",
            "boxing", "sailing", "cycling", "swimming", "skiing", "running", "wrestling", "drilling", "smuggling",
            "trafficking", "offshoring", "outsourcing", "bargaining", "sentencing", "policing", "schooling", "nursing",
            "catering", "engineering", "manufacturing", "accounting", "advertising", "broadcasting", "publishing",
            "printing", "streaming", "gaming", "betting", "gambling", "staffing", "hiring", "listing", "filing",
            "crossing", "string", "thing", "king", "ring", "wing", "spring", "sting", "swing", "bring", "beijing",
            "nanjing", "chongqing", "darjeeling", "sterling", "pudding");
    private static final double NAME_BONUS = 1.5;
    private static final double LEAD_BONUS = 1.3;

    private KeyPhrases() {
    }

    /**
     * A word of an article as {@link ArticleText#analyse} reads it.
     *
     * @param word lower case, as the analyzer reads it ("children" of "children's")
     * @param surface lower case, as written ("children's")
     * @param stem its stem, as the keyword weights name it
     * @param capitalised written with a capital inside a sentence (not as a sentence's first word)
     * @param joined nothing but space or a hyphen since the previous word (no punctuation, no removed stop word)
     * @param hyphenated joined to the previous word by a hyphen ("semi-finals")
     */
    record Word(String word, String surface, String stem, boolean capitalised, boolean joined, boolean hyphenated) {
    }

    /** Adds the candidate phrases of one text (the headline, or the body) to {@code phrases}, keyed by their stems. */
    static void collect(List<Word> words, int weight, boolean headline, Map<String, AnalysedText.Phrase> phrases) {
        int leadEnd = headline ? words.size() : Math.max(40, words.size() / 5);
        int start = 0;
        for (int i = 0; i <= words.size(); i++) {
            // A weak adjective ("last" in "the museum last month") cuts a run too, and may open the next.
            boolean cut = i == words.size() || !words.get(i).joined() || breaks(words.get(i))
                    || WEAK_START.contains(words.get(i).word());
            if (cut) {
                addRun(words, start, i, weight, headline, leadEnd, phrases);
                start = i < words.size() && breaks(words.get(i)) ? i + 1 : i;
            }
        }
    }

    private static void addRun(List<Word> words, int from, int to, int weight, boolean headline, int leadEnd,
            Map<String, AnalysedText.Phrase> phrases) {
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j <= Math.min(to, i + MAX_WORDS); j++) {
                List<Word> span = words.subList(i, j);
                if (!fits(span, i == from)) {
                    continue;
                }
                List<String> stems = span.stream().map(Word::stem).toList();
                StringBuilder text = new StringBuilder(span.get(0).surface());
                for (Word word : span.subList(1, span.size())) {
                    text.append(word.hyphenated() ? '-' : ' ').append(word.surface());
                }
                boolean named = !headline && span.get(0).capitalised() && span.get(span.size() - 1).capitalised();
                boolean lead = i < leadEnd;
                phrases.merge(String.join(" ", stems), new AnalysedText.Phrase(text.toString(), stems, weight, headline ? 0 : 1,
                        j == to ? 1 : 0, named, lead, headline), AnalysedText.Phrase::plus);
            }
        }
    }

    // A phrase starts with a noun or a modifier and ends with a noun: not with a weak adjective; an "-ed" word only as
    // the opening modifier of a run ("armed groups"), an "-ing" word only after another word ("water rationing"), as
    // at the start it is mostly a verb ("flooding roads").
    private static boolean fits(List<Word> span, boolean opensRun) {
        Word first = span.get(0);
        Word last = span.get(span.size() - 1);
        if (WEAK_START.contains(first.word()) || first.word().length() < 2 || last.word().length() < 2) {
            return false;
        }
        for (int k = 0; k < span.size(); k++) {
            String word = span.get(k).word();
            if (isPastParticiple(word) && !(k == 0 && opensRun && span.size() > 1)
                    || isGerund(word) && (span.size() == 1 || k == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean breaks(Word word) {
        String text = word.word();
        return FUNCTION_WORDS.contains(text) || BREAKS.contains(text) || isNumber(text)
                || text.length() > 4 && text.endsWith("ly") && !LY_NOUNS.contains(text)
                // "us", unless it is the country ("US troops" inside a sentence).
                || text.equals("us") && !word.capitalised();
    }

    private static boolean isPastParticiple(String word) {
        return word.length() > 4 && word.endsWith("ed") && !(word.endsWith("eed") && word.length() <= 5);
    }

    private static boolean isGerund(String word) {
        return word.length() > 4 && word.endsWith("ing") && !ING_NOUNS.contains(word);
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',');
    }

    /**
     * The best {@code limit} key phrases of an article, best first, as written (lower case).
     *
     * @param idf the inverse document frequency of a stem in the corpus
     */
    public static List<String> select(List<AnalysedText.Phrase> candidates, ToDoubleFunction<String> idf, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (AnalysedText.Phrase phrase : candidates) {
            if (eligible(phrase, false)) {
                scored.add(new Scored(phrase, score(phrase, idf)));
            }
        }
        if (scored.size() < limit) {
            // Too few phrases seen twice (a short text): phrases seen once fill the list, after them.
            for (AnalysedText.Phrase phrase : candidates) {
                if (!eligible(phrase, false) && eligible(phrase, true)) {
                    scored.add(new Scored(phrase, score(phrase, idf) / 2));
                }
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.phrase().text()));
        List<AnalysedText.Phrase> chosen = new ArrayList<>();
        for (Scored candidate : scored) {
            if (chosen.size() == limit) {
                break;
            }
            if (chosen.stream().noneMatch(other -> overlaps(other.stems(), candidate.phrase().stems()))) {
                chosen.add(candidate.phrase());
            }
        }
        return chosen.stream().map(AnalysedText.Phrase::text).toList();
    }

    private record Scored(AnalysedText.Phrase phrase, double score) {
    }

    private static boolean eligible(AnalysedText.Phrase phrase, boolean relaxed) {
        int words = phrase.stems().size();
        // A phrase ends on its head noun: it closes its run at least half the times it occurs. A name of two words or
        // more seen twice is one even where it modifies a noun ("Islamic State cells", "the Islamic State group").
        boolean name = words > 1 && phrase.named() && phrase.occurrences() >= 2;
        if (phrase.closing() * 2 < phrase.occurrences() && !name || phrase.inBody() == 0) {
            return false;
        }
        if (words == 1) {
            return phrase.named() && phrase.occurrences() >= 2 || phrase.occurrences() >= 3 || relaxed && phrase.named();
        }
        return phrase.occurrences() >= 2 || phrase.named() || relaxed;
    }

    private static double score(AnalysedText.Phrase phrase, ToDoubleFunction<String> idf) {
        double meanIdf = phrase.stems().stream().mapToDouble(idf).average().orElse(1);
        double length = switch (phrase.stems().size()) {
            case 1 -> 1.0;
            case 2 -> 1.6;
            case 3 -> 1.8;
            default -> 1.4;
        };
        return (1 + Math.log(phrase.count())) * meanIdf * length * (phrase.named() ? NAME_BONUS : 1)
                * (phrase.inLead() || phrase.inHeadline() ? LEAD_BONUS : 1);
    }

    // One inside the other, word for word, or the same words: "air base" and "hmeimim air base".
    private static boolean overlaps(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        if (java.util.Collections.indexOfSubList(longer, shorter) >= 0) {
            return true;
        }
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static CharArraySet snowballStopWords() {
        try (Reader list = IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)) {
            return WordlistLoader.getSnowballWordSet(list);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
