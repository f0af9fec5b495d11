package dev.newsflow.benchmarks.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.newsflow.benchmarks.corpus.CorpusGenerator;
import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Related posts, copies and stories on a generated corpus of 1,000 articles, enriched in arrival order. */
class RelatedPostsQualityTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static List<SyntheticArticle> corpus;
    private static RelatedPostsRun run;
    private static RelatedPostsRun.ArrivalQuality quality;

    @BeforeAll
    static void enrichCorpus() {
        corpus = new CorpusGenerator(1_000, 42, START, Duration.ofDays(7)).stream().toList();
        run = new RelatedPostsRun(RelatedPostsRun.DEFAULTS);
        quality = run.enrichInOrder(corpus.iterator());
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void syndicatedCopiesAreFoundWithTheirOriginal() {
        assertThat(quality.copies()).isGreaterThan(100);
        assertThat(quality.copyPrecision()).as("copy precision").isGreaterThanOrEqualTo(0.98);
        assertThat(quality.copyRecall()).as("copy recall").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void articlesAboutOneStoryShareAStory() {
        assertThat(quality.storyPairPrecision()).as("story pair precision").isGreaterThan(0.9);
        assertThat(quality.storyPairRecall()).as("story pair recall").isGreaterThan(0.9);
    }

    @Test
    void relatedPostsFindTheSameStoryAtLeastAsOftenAsMoreLikeThis() {
        Map<String, Long> originalsPerStory = corpus.stream().filter(article -> article.copyOf() == null)
                .collect(Collectors.groupingBy(SyntheticArticle::storyId, HashMap::new, Collectors.counting()));
        List<SyntheticArticle> queries = corpus.stream()
                .filter(article -> article.copyOf() == null && originalsPerStory.get(article.storyId()) >= 2)
                .limit(400)
                .toList();

        RelatedPostsRun.PrecisionAt5 precision = run.precisionAt5(queries, CorpusGenerator::storyOf);

        System.out.printf("copies %d, flagged %d, correct %d; story pairs P %.3f R %.3f; P@5 related %.3f, MoreLikeThis %.3f%n",
                quality.copies(), quality.flagged(), quality.correctlyFlagged(), quality.storyPairPrecision(),
                quality.storyPairRecall(), precision.related(), precision.moreLikeThis());
        assertThat(precision.related()).isGreaterThanOrEqualTo(precision.moreLikeThis());
        assertThat(precision.related()).isGreaterThan(0.3);
    }
}
