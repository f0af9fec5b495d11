package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The index through its searcher lifecycle: every search sees every write that returned before it, whether or not
 * the background reopen has run since.
 */
class RelatedIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofDays(30));
    private static final Instant TO = NOW.plus(Duration.ofDays(30));
    private static final String FLOOD = "River levels rose through the night and the town council opened two shelters "
            + "for families whose homes were flooded, while engineers checked the old stone bridge for damage before "
            + "the morning traffic and volunteers carried sandbags to the streets nearest the water";
    private static final String ELECTION = "The election commission published the final count on Sunday evening and the "
            + "governing party lost its majority for the first time in twenty years, after a campaign dominated by "
            + "housing costs, hospital waiting lists and the price of energy for households";
    private static final String MATCH = "The home side scored twice in the last ten minutes to win the cup final in front "
            + "of a sold-out stadium, and their captain lifted the trophy after a season in which the club had "
            + "changed its coach twice and lost its best striker to injury in the autumn";

    // Reopened in the background only once an hour: what the tests see, searches made visible themselves.
    private final RelatedIndex index = new RelatedIndex(null, Duration.ofHours(1), RelatedIndex.FAR_POSTINGS);
    private final ContentSignature signatures = new ContentSignature();

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void anArticleJustWrittenIsFoundByTheNextSearch() {
        index.put(article("flood-1", 1, FLOOD, null, "river", "flood", "shelter"));

        assertThat(index.similar(weights("flood", "bridge"), 20, Set.of(), FROM, TO, 5))
                .extracting(Candidate::articleId).containsExactly("flood-1");
        assertThat(index.nearestCopy(signatures.of(FLOOD), "flood-2", 0.5)).hasValueSatisfying(copy -> {
            assertThat(copy.articleId()).isEqualTo("flood-1");
            assertThat(copy.score()).isEqualTo(1.0);
        });
        assertThat(index.versionOf("flood-1")).contains(1L);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aLightlyRewrittenCopyIsFoundThroughItsSignatureBandsAndAnUnrelatedBodyIsNot() {
        String rewritten = FLOOD.replace("opened two shelters", "set up two shelters").replace("old stone", "historic");
        index.put(article("flood-1", 1, FLOOD, null, "river"));
        index.put(article("election-1", 1, ELECTION, null, "election"));

        assertThat(index.nearestCopy(signatures.of(rewritten), "flood-2", 0.5)).hasValueSatisfying(copy -> {
            assertThat(copy.articleId()).isEqualTo("flood-1");
            assertThat(copy.score()).isBetween(0.5, 0.95);
        });
        assertThat(index.nearestCopy(signatures.of(MATCH), "match-1", 0.5)).isEmpty();
    }

    @Test
    void aCopyIsFoundWhateverTheTwoArticlesTimes() {
        index.put(withTime(article("original", 1, FLOOD, null, "river"), NOW.minus(Duration.ofDays(400))));

        assertThat(index.nearestCopy(signatures.of(FLOOD + " Photo: Agency"), "copy", 0.5))
                .map(Candidate::articleId).contains("original");
    }

    @Test
    void aNewVersionReplacesTheOldOne() {
        index.put(article("story", 1, FLOOD, null, "river", "flood"));
        index.put(article("story", 2, ELECTION, null, "election", "majority"));

        assertThat(index.similar(weights("flood"), 20, Set.of(), FROM, TO, 5)).isEmpty();
        assertThat(index.similar(weights("election"), 20, Set.of(), FROM, TO, 5))
                .extracting(Candidate::articleId, Candidate::version).containsExactly(tuple("story", 2L));
        assertThat(index.nearestCopy(signatures.of(FLOOD), "other", 0.5)).isEmpty();
        assertThat(index.versionOf("story")).contains(2L);
        assertThat(index.frequencies().documentFrequency("flood")).isZero();
        assertThat(index.frequencies().documentFrequency("election")).isEqualTo(1);
        assertThat(index.frequencies().documents()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aRemovedArticleIsNoLongerACandidateAnOriginalOrCounted() {
        index.put(article("withdrawn", 1, FLOOD, null, "flood", "river"));
        index.put(article("kept", 1, ELECTION, null, "election", "river"));

        assertThat(index.remove("withdrawn")).isTrue();

        assertThat(index.remove("withdrawn")).isFalse();
        assertThat(index.similar(weights("flood", "river"), 20, Set.of(), FROM, TO, 5))
                .extracting(Candidate::articleId).containsExactly("kept");
        assertThat(index.nearestCopy(signatures.of(FLOOD), "copy", 0.5)).isEmpty();
        assertThat(index.versionOf("withdrawn")).isEmpty();
        assertThat(index.frequencies().documentFrequency("flood")).isZero();
        assertThat(index.frequencies().documentFrequency("river")).isEqualTo(1);
    }

    @Test
    void copiesArticlesOutsideTheWindowAndExcludedIdsAreNeverRelatedCandidates() {
        index.put(article("original", 1, FLOOD, null, "flood", "river"));
        index.put(article("copy", 1, FLOOD, "original", "flood", "river"));
        index.put(withTime(article("old", 1, FLOOD + " again", null, "flood", "river"), NOW.minus(Duration.ofDays(60))));
        index.put(article("excluded", 1, FLOOD + " once more", null, "flood", "river"));

        assertThat(index.similar(weights("flood"), 20, Set.of("excluded"), FROM, TO, 5))
                .extracting(Candidate::articleId).containsExactly("original");
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void beyondTheNearTierAnArticleIsFoundThroughTheRarestSharedTermsOnly() {
        // A far tier of at most 3 postings: "sandbag" (in 1 article) is searched there, "river" (in 4) is not.
        try (RelatedIndex tiered = new RelatedIndex(null, Duration.ofHours(1), 3)) {
            for (int i = 1; i <= 2; i++) {
                tiered.put(article("near-" + i, 1, FLOOD, null, "flood", "river"));
            }
            tiered.put(withTime(article("far-rare", 1, FLOOD, null, "flood", "sandbag"), NOW.minus(Duration.ofDays(10))));
            tiered.put(withTime(article("far-common", 1, FLOOD, null, "flood", "river"), NOW.minus(Duration.ofDays(10))));
            tiered.put(withTime(article("far-common-too", 1, FLOOD, null, "flood", "river"), NOW.minus(Duration.ofDays(12))));
            Map<String, Double> query = weights("river", "sandbag", "flood");

            assertThat(tiered.similar(query, 20, Set.of(), FROM, TO, NOW, Duration.ofDays(3), 5))
                    .extracting(Candidate::articleId).containsExactlyInAnyOrder("near-1", "near-2", "far-rare");
            // Searched in one tier, every shared term counts everywhere.
            assertThat(tiered.similar(query, 20, Set.of(), FROM, TO, 5)).extracting(Candidate::articleId)
                    .containsExactlyInAnyOrder("near-1", "near-2", "far-rare", "far-common", "far-common-too");
        }
    }

    @Test
    void pruningRemovesOldArticlesAndTheirCounts() {
        index.put(withTime(article("old", 1, FLOOD, null, "flood"), NOW.minus(Duration.ofDays(60))));
        index.put(article("new", 1, ELECTION, null, "election"));

        assertThat(index.deleteOlderThan(NOW.minus(Duration.ofDays(30)))).isEqualTo(1);

        assertThat(index.versionOf("old")).isEmpty();
        assertThat(index.similar(weights("flood"), 20, Set.of(), NOW.minus(Duration.ofDays(90)), TO, 5)).isEmpty();
        assertThat(index.frequencies().documentFrequency("flood")).isZero();
        assertThat(index.size()).isEqualTo(1);
    }

    private IndexedArticle article(String id, long version, String body, String duplicateOf, String... stems) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        for (String stem : stems) {
            frequencies.put(stem, 2);
        }
        return new IndexedArticle(id, version, "Title of " + id, "https://news.example/" + id, NOW, List.of("medtop:06000000"),
                List.of("environment"), TermVector.of(frequencies, Set.of()), frequencies, signatures.of(body), id, duplicateOf);
    }

    private static IndexedArticle withTime(IndexedArticle article, Instant time) {
        return new IndexedArticle(article.articleId(), article.version(), article.title(), article.url(), time,
                article.categoryCodes(), article.categoryLabels(), article.terms(), article.stems(), article.signature(),
                article.storyId(), article.duplicateOf());
    }

    private static Map<String, Double> weights(String... stems) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String stem : stems) {
            weights.put(stem, 1 / Math.sqrt(stems.length));
        }
        return weights;
    }
}
