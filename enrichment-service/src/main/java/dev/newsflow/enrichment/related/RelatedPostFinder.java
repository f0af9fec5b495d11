package dev.newsflow.enrichment.related;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.newsflow.events.RelatedPost;

/**
 * Chooses an article's related posts, finds whether it is a copy of an indexed article, and which story it belongs
 * to, from the {@link RelatedIndex}, in four steps:
 *
 * <ol>
 * <li><em>Copy</em>: the indexed article whose body's shingles are most alike, if their estimated Jaccard
 * similarity reaches {@code duplicate-similarity}, whatever the two articles' times; the copy takes its original's
 * story, and its original is never among its related posts.</li>
 * <li><em>Candidates</em>: the {@code depth} best BM25 matches of the article's {@value #QUERY_TERMS} weightiest
 * distinctive stems within {@code story-window} of its time, and the best matches of the rarest of them in the rest
 * of {@code window}; never the article, its original, or a copy.</li>
 * <li><em>Story</em>: the story of the candidate with the highest whole-text cosine, if that reaches
 * {@code story-similarity} and they are at most {@code story-window} apart; otherwise the article starts one.</li>
 * <li><em>Rank</em>: every candidate whose whole-text cosine reaches {@code min-similarity}, by {@link RelatedScore};
 * the best {@code limit} are the related posts, and the older articles among them that score at least
 * {@code reverse-min-score} (at most {@code reverse-updates}) get the article into theirs.</li>
 * </ol>
 */
public final class RelatedPostFinder {

    /** How many of an article's stems retrieval asks for; ranking compares all of them. */
    static final int QUERY_TERMS = 20;

    private final RelatedIndex index;
    private final Settings settings;
    private final RelatedScore scoring;

    public RelatedPostFinder(RelatedIndex index, Settings settings) {
        this.index = index;
        this.settings = settings;
        this.scoring = new RelatedScore(index.frequencies(), settings.recencyHalfLife());
    }

    /**
     * @param limit how many related posts an article gets
     * @param window candidates are at most this far apart in time
     * @param depth how many BM25 matches are ranked
     * @param minSimilarity the least whole-text cosine that makes two articles related
     * @param duplicateSimilarity the least estimated shingle Jaccard similarity that makes an article a copy
     * @param storySimilarity the least whole-text cosine that puts an article into another's story
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
     * @param stems its stems with their counts ({@link dev.newsflow.enrichment.text.AnalysedText#stemFrequencies()})
     * @param names the stems it writes as names ({@link ArticleNames})
     * @param surfaces words as written for stems ({@link dev.newsflow.enrichment.text.AnalysedText#surfaces()}), for
     *                 reasons people read
     */
    public record Article(String articleId, String title, String url, Instant time, List<String> categoryCodes,
            List<String> categoryLabels, Map<String, Integer> stems, Set<String> names, MinHashSignature signature,
            Map<String, String> surfaces) {

        /** Its text as the index holds it. */
        public TermVector terms() {
            return TermVector.of(stems, names);
        }
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
        Optional<Candidate> original = copyOf(article);
        String duplicateOf = original.map(RelatedPostFinder::originalOf).orElse(null);
        Map<String, Double> weighted = scoring.weighted(article);
        List<Similar> similar = similar(article, weighted, duplicateOf);
        String storyId = original.map(copy -> copy.storyId() != null ? copy.storyId() : duplicateOf)
                .orElseGet(() -> story(article, similar));
        return related(article, weighted, similar, duplicateOf, storyId);
    }

    // The nearest copy's original, unless that is this article: an original re-sent after its copies is no copy.
    private Optional<Candidate> copyOf(Article article) {
        return index.nearestCopy(article.signature(), article.articleId(), settings.duplicateSimilarity())
                .filter(copy -> !article.articleId().equals(originalOf(copy)));
    }

    private static String originalOf(Candidate copy) {
        return copy.duplicateOf() != null ? copy.duplicateOf() : copy.articleId();
    }

    // Candidates from the index, kept if their whole text is alike enough.
    private List<Similar> similar(Article article, Map<String, Double> weighted, String duplicateOf) {
        Set<String> excluded = new HashSet<>();
        excluded.add(article.articleId());
        if (duplicateOf != null) {
            excluded.add(duplicateOf);
        }
        List<Candidate> candidates = index.similar(weighted, QUERY_TERMS, excluded, article.time().minus(settings.window()),
                article.time().plus(settings.window()), article.time(), settings.storyWindow(), settings.depth());
        RelatedScore.Text text = scoring.text(article.terms());
        List<Similar> similar = new ArrayList<>();
        for (Candidate candidate : candidates) {
            double cosine = scoring.cosine(text, candidate.terms());
            if (cosine >= settings.minSimilarity()) {
                similar.add(new Similar(candidate, cosine));
            }
        }
        return similar;
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

    private Relations related(Article article, Map<String, Double> weighted, List<Similar> similar, String duplicateOf,
            String storyId) {
        List<Scored> scored = new ArrayList<>();
        for (Similar candidate : similar) {
            boolean sameStory = storyId.equals(candidate.candidate().storyId());
            scored.add(new Scored(candidate.candidate(), scoring.score(article, candidate.candidate(), candidate.cosine(), sameStory),
                    sameStory));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.candidate().articleId()));
        List<RelatedPost> related = new ArrayList<>();
        List<ReverseLink> reverse = new ArrayList<>();
        for (Scored candidate : scored) {
            boolean listed = related.size() < settings.limit();
            boolean entering = duplicateOf == null && reverse.size() < settings.reverseUpdates()
                    && candidate.score() >= settings.reverseMinScore();
            if (!listed && !entering) {
                break;
            }
            Candidate other = candidate.candidate();
            List<String> reasons = scoring.reasons(article, weighted, other, candidate.sameStory());
            if (listed) {
                related.add(new RelatedPost(other.articleId(), other.title(), other.url(), round(candidate.score()), reasons));
            }
            // Also beyond the article's own list: the article may be among the best of an older one that is not
            // among its own best (the store keeps it only if it ranks there).
            if (entering) {
                reverse.add(new ReverseLink(other.articleId(), other.version(), new RelatedPost(article.articleId(),
                        article.title(), article.url(), round(candidate.score()), reasons)));
            }
        }
        return new Relations(duplicateOf, storyId, related, reverse);
    }

    private static double round(double score) {
        return Math.round(score * 1000.0) / 1000.0;
    }

    private record Similar(Candidate candidate, double cosine) {
    }

    private record Scored(Candidate candidate, double score, boolean sameStory) {
    }
}
