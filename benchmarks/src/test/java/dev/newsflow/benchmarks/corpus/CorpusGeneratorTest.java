package dev.newsflow.benchmarks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private static List<SyntheticArticle> corpus(long seed) {
        return new CorpusGenerator(2_000, seed, START, Duration.ofDays(5)).stream().toList();
    }

    @Test
    void producesExactlyTheRequestedNumberOfArticlesTheSameForTheSameSeed() {
        List<SyntheticArticle> first = corpus(3);

        assertThat(first).hasSize(2_000);
        assertThat(corpus(3)).isEqualTo(first);
        assertThat(corpus(4)).isNotEqualTo(first);
    }

    @Test
    void storiesHaveSeveralArticlesByDifferentPublishersWithinThreeDays() {
        Map<String, List<SyntheticArticle>> stories = corpus(3).stream()
                .collect(Collectors.groupingBy(SyntheticArticle::storyId));

        assertThat(stories.values()).anySatisfy(story -> assertThat(story.size()).isGreaterThanOrEqualTo(5));
        assertThat(stories.values().stream().filter(story -> story.size() > 1).count()).isGreaterThan(stories.size() / 3);
        stories.values().forEach(story -> {
            Instant first = story.stream().map(SyntheticArticle::publishedAt).min(Instant::compareTo).orElseThrow();
            Instant last = story.stream().map(SyntheticArticle::publishedAt).max(Instant::compareTo).orElseThrow();
            assertThat(Duration.between(first, last)).isLessThanOrEqualTo(Duration.ofDays(3).plusHours(5));
            assertThat(story).allSatisfy(article -> assertThat(CorpusGenerator.storyOf(article.id())).isEqualTo(article.storyId()));
        });
    }

    @Test
    void copiesFollowTheirOriginalUnderAnotherPublisherWithMostOfItsText() {
        List<SyntheticArticle> corpus = corpus(3);
        Map<String, SyntheticArticle> byId = corpus.stream().collect(Collectors.toMap(SyntheticArticle::id, Function.identity()));
        List<SyntheticArticle> copies = corpus.stream().filter(article -> article.copyOf() != null).toList();

        assertThat(copies.size()).isBetween(100, 600);
        assertThat(copies).allSatisfy(copy -> {
            SyntheticArticle original = byId.get(copy.copyOf());
            assertThat(original).isNotNull();
            assertThat(original.copyOf()).isNull();
            assertThat(copy.publisher()).isNotEqualTo(original.publisher());
            assertThat(copy.publishedAt()).isAfter(original.publishedAt());
            assertThat(copy.storyId()).isEqualTo(original.storyId());
            assertThat(corpus.indexOf(copy)).isGreaterThan(corpus.indexOf(original));
        });
    }

    @Test
    void lengthsVary() {
        List<Integer> words = corpus(3).stream().map(article -> article.body().split("\\s+").length).sorted().toList();

        assertThat(words.get(0)).isLessThan(words.get(words.size() - 1) / 4);
    }
}
