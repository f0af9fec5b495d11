package dev.newsflow.enrichment.related;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How related two articles are, and why:
 *
 * <pre>
 *   score = {@value #TEXT_WEIGHT} * cosine + {@value #STORY_WEIGHT} * sameStory + {@value #CATEGORY_WEIGHT} * categories
 *           + {@value #RECENCY_WEIGHT} * recency
 * </pre>
 *
 * where {@code cosine} is the cosine of the two articles' whole texts: every stem weighted {@code (1 + ln tf) * idf}
 * (headline counting double in {@code tf}, {@code idf} from the index's current {@link DocumentFrequencies}), a
 * stem the article writes as a name ({@link ArticleNames}) {@value #NAME_BOOST} times as much; {@code sameStory} 1
 * if the candidate is in the article's story; {@code categories} the Jaccard overlap of their category codes;
 * {@code recency = 2^(-|t1 - t2| / half-life)}. The formula is symmetric, so the same score places a new article
 * in an older article's list. Stateless but for the frequencies it reads.
 */
final class RelatedScore {

    static final double TEXT_WEIGHT = 0.75;
    static final double STORY_WEIGHT = 0.1;
    static final double CATEGORY_WEIGHT = 0.1;
    static final double RECENCY_WEIGHT = 0.05;
    /** Names tell one event from another of its kind: each counts this many times as much as another stem. */
    static final double NAME_BOOST = 3.0;
    private static final int REASON_TERMS = 5;

    private final DocumentFrequencies frequencies;
    private final Duration recencyHalfLife;

    RelatedScore(DocumentFrequencies frequencies, Duration recencyHalfLife) {
        this.frequencies = frequencies;
        this.recencyHalfLife = recencyHalfLife;
    }

    /** An article's stems with their weights as in the cosine (not normalised), best first: for retrieval. */
    Map<String, Double> weighted(RelatedPostFinder.Article article) {
        List<Map.Entry<String, Double>> weights = new ArrayList<>(article.stems().size());
        article.stems().forEach((stem, count) -> weights.add(Map.entry(stem, weight(stem, count, article.names()))));
        weights.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> ordered = new LinkedHashMap<>();
        weights.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    private double weight(String stem, int count, Set<String> names) {
        return (1 + Math.log(count)) * frequencies.idf(stem) * (names.contains(stem) ? NAME_BOOST : 1);
    }

    /** The article's side of every cosine it takes part in. */
    Text text(TermVector terms) {
        return new Text(terms, terms.weights(frequencies, NAME_BOOST));
    }

    /** A text with its normalised weights. */
    record Text(TermVector terms, double[] weights) {
    }

    double cosine(Text article, TermVector candidate) {
        return TermVector.cosine(article.terms(), article.weights(), candidate, candidate.weights(frequencies, NAME_BOOST));
    }

    double score(RelatedPostFinder.Article article, Candidate candidate, double cosine, boolean sameStory) {
        double apart = Duration.between(candidate.time(), article.time()).abs().toMillis();
        double recency = Math.pow(2, -apart / recencyHalfLife.toMillis());
        return TEXT_WEIGHT * cosine + STORY_WEIGHT * (sameStory ? 1 : 0)
                + CATEGORY_WEIGHT * jaccard(article.categoryCodes(), candidate.categoryCodes()) + RECENCY_WEIGHT * recency;
    }

    private static double jaccard(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long shared = a.stream().distinct().filter(b::contains).count();
        return (double) shared / union.size();
    }

    /** Why the two are related: the stems that weigh most among those they share (as written), categories, story. */
    List<String> reasons(RelatedPostFinder.Article article, Map<String, Double> weighted, Candidate other, boolean sameStory) {
        List<String> reasons = new ArrayList<>();
        List<String> shared = weighted.keySet().stream()
                .filter(stem -> other.terms().contains(TermVector.hash(stem)))
                .limit(REASON_TERMS)
                .map(stem -> article.surfaces().getOrDefault(stem, stem))
                .toList();
        reasons.add("shared terms: " + String.join(", ", shared));
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < article.categoryCodes().size(); i++) {
            if (other.categoryCodes().contains(article.categoryCodes().get(i))) {
                labels.add(article.categoryLabels().get(i));
            }
        }
        labels.forEach(label -> reasons.add("shared category: " + label));
        if (sameStory) {
            reasons.add("same story");
        }
        return reasons;
    }
}
