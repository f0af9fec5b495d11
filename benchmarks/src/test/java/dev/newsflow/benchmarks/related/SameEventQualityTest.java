package dev.newsflow.benchmarks.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same-event retrieval on the test split of the same-event corpus (events paired by kind), against the plain
 * TF-IDF cosine baseline and MoreLikeThis, as {@link SameEventEvaluation} prints them.
 */
class SameEventQualityTest {

    private static final double FLOOR = 0.97;
    private static List<SameEventEvaluation.Figures> figures;

    @BeforeAll
    static void evaluate() {
        figures = SameEventEvaluation.evaluate(SameEventCorpus.load("test"), RelatedPostsRun.DEFAULTS);
        figures.forEach(figure -> System.out.printf("%s: P@5 %.3f, nDCG@5 %.3f (%d queries)%n", figure.ranking(),
                figure.precisionAt5(), figure.ndcgAt5(), figure.queries()));
    }

    @Test
    void storedRelatedPostsFindTheSameEventAtLeastAsOftenAsWholeTextCosine() {
        SameEventEvaluation.Figures stored = figures.get(0);
        SameEventEvaluation.Figures cosine = figures.get(2);

        assertThat(stored.queries()).isEqualTo(cosine.queries()).isGreaterThanOrEqualTo(150);
        assertThat(stored.precisionAt5()).isGreaterThanOrEqualTo(cosine.precisionAt5()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(stored.ndcgAt5()).isGreaterThanOrEqualTo(cosine.ndcgAt5());
    }

    @Test
    void relatedPostsOverTheWholeIndexBeatCosineAndMoreLikeThis() {
        SameEventEvaluation.Figures ours = figures.get(1);

        assertThat(ours.precisionAt5()).isGreaterThanOrEqualTo(figures.get(2).precisionAt5()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(ours.precisionAt5()).isGreaterThan(figures.get(3).precisionAt5());
    }
}
