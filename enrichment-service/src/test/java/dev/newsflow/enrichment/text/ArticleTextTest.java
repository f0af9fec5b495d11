package dev.newsflow.enrichment.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.newsflow.enrichment.categories.LabeledArticle;
import org.junit.jupiter.api.Test;

/** The two ways of analysing an article agree on its stems, so that the index holds the same terms either way. */
class ArticleTextTest {

    private static final String QUAKE_REPORT = "A magnitude 5.9 earthquake struck eastern Turkey on Thursday, damaging buildings.\n\n"
            + "AFAD said 34 people had been treated in hospital.";

    private final ArticleText text = new ArticleText();

    // Enrichment indexes what it analysed with key phrases (analyse); a rebuild and other instances' writes index
    // the cheaper termFrequencies. Related posts would differ after a restart if the two disagreed.
    @Test
    void analyseGivesTheSameStemsAsTermFrequencies() {
        assertThat(LabeledArticle.read(Path.of("../samples/categories/train.jsonl"))).allSatisfy(article -> assertThat(
                text.analyse(article.title(), article.body()).stemFrequencies())
                .isEqualTo(text.termFrequencies(article.title(), article.body())));
        String withPossessivesAndHyphens = "The minister's plan: Russia-backed forces' U.S.-made drones. It's 3.5% of GDP — "
                + "\"quoted\" words, e-mail, O'Neill's co-operation; Hmeimim air base.";
        assertThat(text.analyse("Cape Town's water", withPossessivesAndHyphens).stemFrequencies())
                .isEqualTo(text.termFrequencies("Cape Town's water", withPossessivesAndHyphens));
    }

    @Test
    void boxesLeaveNoStemsInTheArticlesTerms() {
        String boxed = QUAKE_REPORT + "\n\nRelated posts\n• Strong earthquake kills 11 in southern Peru";

        assertThat(text.termFrequencies("Quake jolts Turkey", boxed)).doesNotContainKeys("peru", "southern")
                .isEqualTo(text.termFrequencies("Quake jolts Turkey", QUAKE_REPORT));
        assertThat(text.analyse("Quake jolts Turkey", boxed).stemFrequencies()).doesNotContainKey("peru");
    }
}
