package dev.newsflow.enrichment.related;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.newsflow.events.RelatedPost;

/**
 * Chooses an article's related posts, finds whether it is a copy of an indexed article, and which story it
 * belongs to, from the {@link RelatedIndex}.
 *
 * <p>Candidates are the {@code depth} best BM25 matches of the article's weighted keywords among indexed articles
 * within {@code story-window} of its time, plus the best matches of its rarest keywords in the rest of
 * {@code window} ({@link RelatedIndex#similar(Map, java.util.Collection, Instant, Instant, Instant, Duration, int)});
 * never the article itself, its original if it is a copy, or any copy. Each is scored
 *
 * <pre>
 *   score = {@value #TEXT_WEIGHT} * cosine + {@value #STORY_WEIGHT} * sameStory + {@value #CATEGORY_WEIGHT} * categories
 *           + {@value #RECENCY_WEIGHT} * recency
 * </pre>
 *
 * where {@code cosine} is the dot product of the two articles' L2-normalised TF-IDF keyword vectors,
 * {@code sameStory} 1 if the candidate is in the story the article joins (below), else 0,
 * {@code categories} the Jaccard overlap of their category codes, and {@code recency = 2^(-|t1 - t2| / half-life)}.
 * A candidate whose cosine is under {@code min-similarity} is not related, whatever its categories and time. The
 * formula is symmetric (two articles of one story are in it together), so the same score places the new article in
 * an older article's list.
 *
 * <p>An article is a copy when the estimated Jaccard similarity of its body's shingles with an indexed article
 * reaches {@code duplicate-similarity}; it then takes the original's story. Otherwise it joins the story of its
 * most similar candidate if their cosine reaches {@code story-similarity} and they are at most {@code story-window}
 * apart, else it starts a story of its own (the story id is the article's id).
 */
public final class RelatedPostFinder {

    static final double TEXT_WEIGHT = 0.6;
    static final double STORY_WEIGHT = 0.15;
    static final double CATEGORY_WEIGHT = 0.15;
    static final double RECENCY_WEIGHT = 0.10;
    private static final int REASON_TERMS = 5;

    private final RelatedIndex index;
    private final Settings settings;

    public RelatedPostFinder(RelatedIndex index, Settings settings) {
        this.index = index;
        this.settings = settings;
    }

    /**
     * @param limit how many related posts an article gets
     * @param window candidates are at most this far apart in time
     * @param depth how many BM25 matches are scored
     * @param minSimilarity the least keyword cosine that makes two articles related
     * @param duplicateSimilarity the least estimated shingle Jaccard similarity that makes an article a copy
     * @param storySimilarity the least keyword cosine that puts an article into another's story
     * @param storyWindow articles of one story are at most this far apart
     * @param recencyHalfLife the time apart that halves the recency part of the score
     * @param reverseUpdates at most this many older articles get the new article into their related posts
     * @param reverseMinScore the least score at which the new article enters an older article's related posts
     */
    public record Settings(int limit, Duration window, int depth, double minSimilarity, double duplicateSimilarity,
            double storySimilarity, Duration storyWindow, Duration recencyHalfLife, int reverseUpdates, double reverseMinScore) {
    }

    /**
     * The article to relate.
     *
     * @param surfaces words as written for stems ({@link dev.newsflow.enrichment.text.AnalysedText#surfaces()}), for
     *                 reasons people read
     */
    public record Article(String articleId, String title, String url, Instant time, List<String> categoryCodes,
            List<String> categoryLabels, Map<String, Double> keywords, MinHashSignature signature, Map<String, String> surfaces) {
    }

    /**
     * What {@link #relate} found.
     *
     * @param duplicateOf the original the article is a copy of, or {@code null}
     * @param storyId the article's story
     * @param relatedPosts its related posts, best first
     * @param reverse older articles whose related posts the article should enter (none for a copy)
     */
    public record Relations(String duplicateOf, String storyId, List<RelatedPost> relatedPosts, List<ReverseLink> reverse) {
    }

    /** {@code post}, the new article, belongs in the related posts of {@code articleId} (indexed at {@code version}). */
    public record ReverseLink(String articleId, long version, RelatedPost post) {
    }

    public Relations relate(Article article) {
        Instant from = article.time().minus(settings.window());
        Instant to = article.time().plus(settings.window());
        // The nearest copy's original, unless that is this article: an original re-sent after its copies is no copy.
        Optional<RelatedIndex.Candidate> original = index
                .nearestCopy(article.signature(), article.articleId(), from, to, settings.duplicateSimilarity())
                .filter(copy -> !article.articleId().equals(originalOf(copy)));
        String duplicateOf = original.map(RelatedPostFinder::originalOf).orElse(null);

        Set<String> excluded = new HashSet<>();
        excluded.add(article.articleId());
        if (duplicateOf != null) {
            excluded.add(duplicateOf);
        }
        List<RelatedIndex.Candidate> candidates = index.similar(article.keywords(), excluded, from, to, article.time(),
                settings.storyWindow(), settings.depth());
        List<Similar> similar = new ArrayList<>();
        for (RelatedIndex.Candidate candidate : candidates) {
            double cosine = cosine(article.keywords(), candidate.keywords());
            if (cosine >= settings.minSimilarity()) {
                similar.add(new Similar(candidate, cosine));
            }
        }
        String storyId = original.map(copy -> copy.storyId() != null ? copy.storyId() : duplicateOf)
                .orElseGet(() -> story(article, similar));
        List<Scored> scored = new ArrayList<>();
        similar.forEach(candidate -> scored.add(new Scored(candidate.candidate(), score(article, storyId, candidate))));
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.candidate().articleId()));

        List<RelatedPost> related = new ArrayList<>();
        List<ReverseLink> reverse = new ArrayList<>();
        for (Scored candidate : scored.subList(0, Math.min(settings.limit(), scored.size()))) {
            RelatedIndex.Candidate other = candidate.candidate();
            boolean sameStory = storyId.equals(other.storyId());
            related.add(new RelatedPost(other.articleId(), other.title(), other.url(), round(candidate.score()),
                    reasons(article, other, sameStory)));
            if (duplicateOf == null && reverse.size() < settings.reverseUpdates() && candidate.score() >= settings.reverseMinScore()) {
                reverse.add(new ReverseLink(other.articleId(), other.version(), new RelatedPost(article.articleId(),
                        article.title(), article.url(), round(candidate.score()), reasons(article, other, sameStory))));
            }
        }
        return new Relations(duplicateOf, storyId, related, reverse);
    }

    private static String originalOf(RelatedIndex.Candidate copy) {
        return copy.duplicateOf() != null ? copy.duplicateOf() : copy.articleId();
    }

    private String story(Article article, List<Similar> similar) {
        return similar.stream()
                .filter(candidate -> candidate.cosine() >= settings.storySimilarity()
                        && Duration.between(candidate.candidate().time(), article.time()).abs().compareTo(settings.storyWindow()) <= 0)
                .max(Comparator.comparingDouble(Similar::cosine))
                .map(candidate -> candidate.candidate().storyId() != null ? candidate.candidate().storyId()
                        : candidate.candidate().articleId())
                .orElse(article.articleId());
    }

    private double score(Article article, String storyId, Similar similar) {
        RelatedIndex.Candidate candidate = similar.candidate();
        double apart = Duration.between(candidate.time(), article.time()).abs().toMillis();
        double recency = Math.pow(2, -apart / settings.recencyHalfLife().toMillis());
        double sameStory = storyId.equals(candidate.storyId()) ? 1 : 0;
        return TEXT_WEIGHT * similar.cosine() + STORY_WEIGHT * sameStory
                + CATEGORY_WEIGHT * jaccard(article.categoryCodes(), candidate.categoryCodes()) + RECENCY_WEIGHT * recency;
    }

    /** The dot product of two L2-normalised keyword vectors: their cosine similarity. */
    static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> smaller = a.size() <= b.size() ? a : b;
        Map<String, Double> larger = smaller == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> entry : smaller.entrySet()) {
            Double other = larger.get(entry.getKey());
            if (other != null) {
                dot += entry.getValue() * other;
            }
        }
        return Math.min(1.0, dot);
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

    private static List<String> reasons(Article article, RelatedIndex.Candidate other, boolean sameStory) {
        List<String> reasons = new ArrayList<>();
        List<String> shared = article.keywords().entrySet().stream()
                .filter(entry -> other.keywords().containsKey(entry.getKey()))
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> entry) ->
                        -entry.getValue() * other.keywords().get(entry.getKey())))
                .limit(REASON_TERMS)
                .map(entry -> article.surfaces().getOrDefault(entry.getKey(), entry.getKey()))
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

    private static double round(double score) {
        return Math.round(score * 1000.0) / 1000.0;
    }

    private record Similar(RelatedIndex.Candidate candidate, double cosine) {
    }

    private record Scored(RelatedIndex.Candidate candidate, double score) {
    }
}
