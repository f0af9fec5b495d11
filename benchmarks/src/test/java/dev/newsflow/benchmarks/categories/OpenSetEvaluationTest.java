package dev.newsflow.benchmarks.categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.newsflow.enrichment.categories.LabeledArticle;

class OpenSetEvaluationTest {

    private final OpenSetEvaluation evaluation = new OpenSetEvaluation(0.3, 1.5);

    @Test
    void aCentroidCutTakesBackTheCategoryGivenToArticlesOfALeftOutCategoryButKeepsTheKnownOnes() {
        List<LearnedCategoryComparison.Item> dev = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            dev.add(item("Sport", Map.of("goal", 2, "match", 1, "news", 1), new float[] {1, 0, 0}));
            dev.add(item("Politics", Map.of("vote", 2, "election", 1, "news", 1), new float[] {0, 1, 0}));
            dev.add(item("Stadiums", Map.of("goal", 1, "stadium", 2, "news", 1), unit(0.8f, 0, 0.6f)));
        }

        Map<String, OpenSetEvaluation.Counts> results = evaluation.evaluate(dev, List.of(), true);

        OpenSetEvaluation.Counts asIs = results.get("as is");
        OpenSetEvaluation.Counts cut = results.get("cos>=0.85");
        assertThat(asIs.known).isEqualTo(cut.known).isEqualTo(2 * dev.size());
        assertThat(asIs.unknown).isEqualTo(dev.size());
        assertThat(asIs.accuracy()).isEqualTo(1.0);
        assertThat(asIs.unknownGiven).isEqualTo(12);
        assertThat(cut.accuracy()).isEqualTo(1.0);
        assertThat(cut.unknownGiven).isZero();
    }

    @Test
    void onTheTestHalfEachCategoryIsLeftOutOfTrainingOnceAndItsTestArticlesCountAsUnknown() {
        List<LearnedCategoryComparison.Item> train = List.of(item("Sport", Map.of("goal", 1), new float[] {1, 0}),
                item("Politics", Map.of("vote", 1), new float[] {0, 1}), item("Weather", Map.of("storm", 1), unit(1, 1)));
        List<LearnedCategoryComparison.Item> test = List.of(item("Sport", Map.of("goal", 2), new float[] {1, 0}));

        OpenSetEvaluation.Counts asIs = evaluation.evaluate(train, test, false).get("as is");

        assertThat(asIs.known).isEqualTo(2);
        assertThat(asIs.unknown).isEqualTo(1);
        assertThat(asIs.knownRight).isEqualTo(2);
    }

    private static LearnedCategoryComparison.Item item(String label, Map<String, Integer> frequencies, float[] vector) {
        return new LearnedCategoryComparison.Item(new LabeledArticle(label, label, "", List.of(label)), label, frequencies, vector);
    }

    private static float[] unit(float... values) {
        double norm = 0;
        for (float value : values) {
            norm += value * value;
        }
        float[] unit = values.clone();
        for (int i = 0; i < unit.length; i++) {
            unit[i] /= (float) Math.sqrt(norm);
        }
        return unit;
    }
}
