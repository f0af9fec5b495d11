package dev.newsflow.benchmarks.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.enrichment.text.KeyPhrases;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import picocli.CommandLine.Command;

/**
 * Key phrases against an editor's: for each article of the evaluation set, our five key phrases ({@link KeyPhrases})
 * and the plain baseline's (the five top TF-IDF bigrams: adjacent words without punctuation or a stop word between,
 * scored by count in the article times inverse document frequency of the bigram in the set), compared with the
 * phrases written for it. A phrase matches if its stems are the editor's (exact), or one's stems contain the other's
 * (partial: "merger" for "airline merger"). Printed per split, dev (tuned on) and test (reported), with the share of
 * phrases that begin or end with a function word and the share of articles with at least three phrases.
 *
 * <p>Run: {@code java -jar benchmarks/target/newsflow-benchmarks.jar key-phrases}
 */
@Command(name = "key-phrases", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Key phrases against an editor's on the clean-text evaluation set: ours beside the top TF-IDF",
                "bigrams, precision/recall/F1 at 5 (exact and partial), per split (dev tuned on, test reported)."})
public final class KeyPhraseEvaluation implements Callable<Integer> {

    static final int K = 5;
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on",
            "at", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "do",
            "does", "did", "will", "would", "could", "should", "can", "may", "might", "must", "shall", "it", "its", "they",
            "their", "he", "she", "his", "her", "we", "our", "this", "that", "these", "those", "who", "which", "not", "said");

    private final ArticleText text = new ArticleText();

    @Override
    public Integer call() {
        run(EvalArticle.load()).forEach(System.out::println);
        return 0;
    }

    /** The report, one line each. */
    List<String> run(List<EvalArticle> articles) {
        Map<String, Integer> stemDf = new HashMap<>();
        Map<String, Integer> bigramDf = new HashMap<>();
        Map<String, AnalysedText> analysed = new LinkedHashMap<>();
        for (EvalArticle article : articles) {
            AnalysedText a = text.analyse(article.title(), article.body());
            analysed.put(article.id(), a);
            a.stemFrequencies().keySet().forEach(stem -> stemDf.merge(stem, 1, Integer::sum));
            bigrams(article).keySet().forEach(bigram -> bigramDf.merge(bigram, 1, Integer::sum));
        }
        int n = articles.size();
        ToDoubleFunction<String> idf = stem -> Math.log((1.0 + n) / (1.0 + stemDf.getOrDefault(stem, 0))) + 1;
        List<String> report = new ArrayList<>();
        report.add("Key phrases against an editor's, top " + K + " (" + n + " articles written for this evaluation)");
        for (boolean test : List.of(false, true)) {
            Tally ours = new Tally();
            Tally baseline = new Tally();
            for (EvalArticle article : articles) {
                if (article.test() != test) {
                    continue;
                }
                List<String> gold = article.phrases();
                List<String> chosen = KeyPhrases.select(analysed.get(article.id()).phrases(), idf, K);
                ours.add(stems(gold), stems(chosen), chosen);
                List<String> top = topBigrams(bigrams(article), bigram -> Math.log((1.0 + n) / (1.0 + bigramDf.get(bigram))) + 1);
                baseline.add(stems(gold), stems(top), top);
            }
            report.add((test ? "test" : "dev ") + " (" + ours.articles + " articles)");
            report.add("  ours (noun phrases)  " + ours);
            report.add("  TF-IDF bigrams       " + baseline);
        }
        return report;
    }

    /** Adjacent word pairs of the article (the headline counting twice), no punctuation or stop word between. */
    private static Map<String, Integer> bigrams(EvalArticle article) {
        Map<String, Integer> counts = new HashMap<>();
        addBigrams(article.title(), 2, counts);
        addBigrams(article.body(), 1, counts);
        return counts;
    }

    private static void addBigrams(String text, int weight, Map<String, Integer> counts) {
        try (StandardTokenizer tokens = new StandardTokenizer()) {
            tokens.setReader(new java.io.StringReader(text));
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            String previous = null;
            int previousEnd = -1;
            while (tokens.incrementToken()) {
                String word = term.toString().toLowerCase(java.util.Locale.ROOT);
                boolean stop = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word);
                boolean adjacent = previous != null && text.substring(previousEnd, offset.startOffset()).isBlank();
                if (adjacent && !stop) {
                    counts.merge(previous + " " + word, weight, Integer::sum);
                }
                previous = stop ? null : word;
                previousEnd = offset.endOffset();
            }
            tokens.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> topBigrams(Map<String, Integer> counts, ToDoubleFunction<String> idf) {
        return counts.entrySet().stream()
                .sorted(java.util.Comparator.comparingDouble((Map.Entry<String, Integer> e) -> -e.getValue() * idf.applyAsDouble(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .limit(K).map(Map.Entry::getKey).toList();
    }

    private List<List<String>> stems(List<String> phrases) {
        return phrases.stream().map(text::terms).filter(stems -> !stems.isEmpty()).toList();
    }

    /** Precision, recall and F1 at K, exact and partial, summed over articles. */
    private static final class Tally {

        private int articles;
        private int predicted;
        private int gold;
        private int exactHits;
        private int exactFound;
        private int partialHits;
        private int partialFound;
        private int functionWordEnds;
        private int atLeastThree;

        void add(List<List<String>> expected, List<List<String>> chosen, List<String> written) {
            articles++;
            predicted += chosen.size();
            gold += expected.size();
            exactHits += (int) chosen.stream().filter(expected::contains).count();
            exactFound += (int) expected.stream().filter(chosen::contains).count();
            partialHits += (int) chosen.stream().filter(c -> expected.stream().anyMatch(g -> overlaps(c, g))).count();
            partialFound += (int) expected.stream().filter(g -> chosen.stream().anyMatch(c -> overlaps(c, g))).count();
            for (String phrase : written) {
                String[] words = phrase.split(" ");
                if (FUNCTION_WORDS.contains(words[0]) || FUNCTION_WORDS.contains(words[words.length - 1])) {
                    functionWordEnds++;
                }
            }
            atLeastThree += written.size() >= 3 ? 1 : 0;
        }

        private static boolean overlaps(List<String> a, List<String> b) {
            return Collections.indexOfSubList(a, b) >= 0 || Collections.indexOfSubList(b, a) >= 0;
        }

        @Override
        public String toString() {
            double p = ratio(exactHits, predicted);
            double r = ratio(exactFound, gold);
            double pp = ratio(partialHits, predicted);
            double pr = ratio(partialFound, gold);
            return String.format("exact P@%d %.2f R@%d %.2f F1 %.2f | partial P %.2f R %.2f F1 %.2f | "
                            + "function-word ends %d/%d | >=3 phrases %d/%d",
                    K, p, K, r, f1(p, r), pp, pr, f1(pp, pr), functionWordEnds, predicted, atLeastThree, articles);
        }

        private static double ratio(int a, int b) {
            return b == 0 ? 0 : (double) a / b;
        }

        private static double f1(double p, double r) {
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }
}
