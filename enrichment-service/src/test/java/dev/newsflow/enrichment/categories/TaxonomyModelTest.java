package dev.newsflow.enrichment.categories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.newsflow.enrichment.text.ArticleText;
import org.junit.jupiter.api.Test;

/** The classifier on the shipped labelled sample ({@code samples/categories}): quality, not exact outputs. */
class TaxonomyModelTest {

    static final Path TRAIN = Path.of("../samples/categories/train.jsonl");
    static final Path TEST = Path.of("../samples/categories/test.jsonl");

    private final ArticleText text = new ArticleText();

    @Test
    void trainedOnTheSampleItClassifiesHeldOutArticlesWell() {
        TaxonomyModel model = trained(LabeledArticle.read(TRAIN));

        Scored result = evaluate(model, LabeledArticle.read(TEST));

        assertThat(result.accuracy()).isGreaterThanOrEqualTo(0.85);
        assertThat(result.macroF1()).isGreaterThanOrEqualTo(0.85);
        for (String category : List.of("World", "Politics", "Business", "Sport", "Technology", "Health", "Entertainment")) {
            assertThat(result.f1(category)).as(category).isGreaterThanOrEqualTo(0.6);
        }
    }

    @Test
    void anUntrainedModelGuessesNoBetterThanChance() {
        TaxonomyModel model = trained(LabeledArticle.read(TRAIN).subList(0, 3));

        assertThat(evaluate(model, LabeledArticle.read(TEST)).macroF1()).isLessThan(0.5);
    }

    @Test
    void takingAnExampleBackRestoresThePredictionsOfTheModelWithoutIt() {
        List<LabeledArticle> train = LabeledArticle.read(TRAIN);
        TaxonomyModel withoutLast = trained(train.subList(0, train.size() - 1));
        TaxonomyModel withLastTakenBack = trained(train);
        LabeledArticle last = train.get(train.size() - 1);
        withLastTakenBack.apply(TaxonomyModel.features(frequencies(last)), labels(last), -1);

        for (LabeledArticle article : LabeledArticle.read(TEST)) {
            List<TaxonomyModel.Prediction> expected = withoutLast.predict(frequencies(article));
            List<TaxonomyModel.Prediction> actual = withLastTakenBack.predict(frequencies(article));
            assertThat(actual.get(0).code()).isEqualTo(expected.get(0).code());
            assertThat(actual.get(0).confidence()).isCloseTo(expected.get(0).confidence(), within(1e-9));
        }
    }

    @Test
    void withoutAnArticleVectorOrScaleTheModelIsPureNaiveBayes() {
        List<LabeledArticle> train = LabeledArticle.read(TRAIN);
        TaxonomyModel wordsOnly = trained(train);
        TaxonomyModel withCentroids = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        TaxonomyModel unscaled = new TaxonomyModel(new TaxonomyModel.Settings(0.05, 1.0, 100_000, 0));
        for (LabeledArticle article : train) {
            float[] vector = categoryVector(article.categories().get(0), 0.1f);
            withCentroids.apply(TaxonomyModel.features(frequencies(article)), vector, labels(article), 1);
            unscaled.apply(TaxonomyModel.features(frequencies(article)), vector, labels(article), 1);
        }

        for (LabeledArticle article : LabeledArticle.read(TEST)) {
            TaxonomyModel.Prediction expected = wordsOnly.predict(frequencies(article)).get(0);
            for (TaxonomyModel.Prediction actual : List.of(withCentroids.predict(frequencies(article), null).get(0),
                    unscaled.predict(frequencies(article), categoryVector("Sport", 0)).get(0))) {
                assertThat(actual.code()).isEqualTo(expected.code());
                assertThat(actual.confidence()).isCloseTo(expected.confidence(), within(1e-9));
            }
        }
    }

    @Test
    void anArticleWhoseWordsCannotTellLeansToTheCategoryItsVectorIsClosestTo() {
        TaxonomyModel model = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        List<TaxonomyModel.Label> sport = List.of(new TaxonomyModel.Label("sport", "Sport"));
        List<TaxonomyModel.Label> business = List.of(new TaxonomyModel.Label("business", "Business"));
        model.apply(TaxonomyModel.features(Map.of("club", 1, "match", 1)), categoryVector("Sport", 0.1f), sport, 1);
        model.apply(TaxonomyModel.features(Map.of("club", 1, "share", 1)), categoryVector("Business", 0.1f), business, 1);
        Map<String, Integer> ambiguous = Map.of("club", 1);

        List<TaxonomyModel.Prediction> byWords = model.predict(ambiguous);
        List<TaxonomyModel.Prediction> byWordsAndVector = model.predict(ambiguous, categoryVector("Business", 0.2f));

        assertThat(byWords.get(0).confidence()).isCloseTo(0.5, within(1e-9));
        assertThat(byWordsAndVector.get(0).code()).isEqualTo("business");
        assertThat(byWordsAndVector.get(0).confidence()).isGreaterThan(0.9);
        assertThat(model.assignable(ambiguous, categoryVector("Business", 0.2f), 0.3, 1.5))
                .extracting(TaxonomyModel.Prediction::code).containsExactly("business");
        assertThat(model.assignable(ambiguous, null, 0.3, 1.5)).as("the words alone cannot tell").isEmpty();
    }

    @Test
    void aCategoryWithoutACentroidLeavesTheModelPureNaiveBayes() {
        TaxonomyModel model = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        model.apply(TaxonomyModel.features(Map.of("club", 1, "match", 1)), categoryVector("Sport", 0.1f),
                List.of(new TaxonomyModel.Label("sport", "Sport")), 1);
        model.apply(TaxonomyModel.features(Map.of("club", 1, "share", 1)), null,
                List.of(new TaxonomyModel.Label("business", "Business")), 1);

        assertThat(model.predict(Map.of("club", 1), categoryVector("Sport", 0)).get(0).confidence()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void takingAnExampleBackSubtractsExactlyTheVectorItAdded() {
        TaxonomyModel model = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        List<TaxonomyModel.Label> sport = List.of(new TaxonomyModel.Label("sport", "Sport"));
        float[] kept = categoryVector("Sport", 0.3f);
        float[] takenBack = categoryVector("Business", 0.7f);
        model.apply(TaxonomyModel.features(Map.of("match", 1)), kept, sport, 1);
        model.apply(TaxonomyModel.features(Map.of("goal", 2)), takenBack, sport, 1);

        model.apply(TaxonomyModel.features(Map.of("goal", 2)), takenBack, sport, -1);

        double[] sum = model.centroidSum("sport");
        assertThat(sum).hasSize(kept.length);
        for (int i = 0; i < kept.length; i++) {
            assertThat(sum[i]).isCloseTo(kept[i], within(1e-12));
        }
    }

    @Test
    void theVocabularyStaysWithinItsCap() {
        TaxonomyModel model = new TaxonomyModel(new TaxonomyModel.Settings(0.05, 1.0, 300));
        LabeledArticle.read(TRAIN).forEach(article -> model.apply(TaxonomyModel.features(frequencies(article)), labels(article), 1));

        assertThat(model.vocabularySize()).isEqualTo(300);
        assertThat(trained(LabeledArticle.read(TRAIN)).vocabularySize()).isGreaterThan(300);
    }

    @Test
    void anArticleAboutTwoTopicsHasBothAtTheTop() {
        TaxonomyModel model = trained(LabeledArticle.read(TRAIN));
        Map<String, Integer> mixed = text.termFrequencies("Club shares fall as investors weigh stadium debt",
                "The football club's shares fell 8 percent on the stock exchange after the company reported a loss. "
                        + "Investors worry about the debt taken on to build the stadium, while the team's striker scored "
                        + "twice in the league match on Saturday and the coach praised the players.");

        List<TaxonomyModel.Prediction> predictions = model.predict(mixed);

        assertThat(predictions.subList(0, 2)).extracting(TaxonomyModel.Prediction::code)
                .containsExactlyInAnyOrder("Sport", "Business");
        assertThat(predictions.get(1).confidence()).isGreaterThan(0.1);
    }

    @Test
    void anArticleWithNoKnownWordGetsNoPrediction() {
        TaxonomyModel model = trained(LabeledArticle.read(TRAIN));

        assertThat(model.predict(text.termFrequencies("Zyxx qwop", "Blorf vrrk snee."))).isEmpty();
    }

    @Test
    void articlesTheModelCannotTellGetNoSpreadOfCategoriesWhileThoseItKnowsKeepTheirs() {
        List<String> known = List.of("Politics", "Sport", "Business");
        TaxonomyModel model = trained(LabeledArticle.read(TRAIN).stream().filter(article -> known.contains(article.categories().get(0))).toList());
        List<LabeledArticle> test = LabeledArticle.read(TEST);
        List<LabeledArticle> ofKnown = test.stream().filter(article -> known.contains(article.categories().get(0))).toList();
        List<LabeledArticle> ofOthers = test.stream().filter(article -> !known.contains(article.categories().get(0))).toList();

        // At a plain 0.3 threshold, articles about none of the three get two or three of them (an even spread).
        assertThat(ofOthers).anySatisfy(article -> assertThat(model.assignable(frequencies(article), 0.3, 0)).hasSizeGreaterThan(1));
        assertThat(ofOthers).allSatisfy(article -> assertThat(model.assignable(frequencies(article), 0.3, 1.5)).hasSizeLessThanOrEqualTo(1));
        long withoutCategory = ofOthers.stream().filter(article -> model.assignable(frequencies(article), 0.3, 1.5).isEmpty()).count();
        assertThat(withoutCategory).isGreaterThan(ofOthers.size() / 4);
        long keptTheirs = ofKnown.stream().filter(article -> model.assignable(frequencies(article), 0.3, 1.5).stream()
                .anyMatch(prediction -> prediction.code().equals(article.categories().get(0)))).count();
        assertThat(keptTheirs).isGreaterThanOrEqualTo(ofKnown.size() * 9 / 10);
    }

    private Scored evaluate(TaxonomyModel model, List<LabeledArticle> articles) {
        List<String> predicted = articles.stream().map(article -> model.predict(frequencies(article)))
                .map(predictions -> predictions.isEmpty() ? null : predictions.get(0).code()).toList();
        return new Scored(articles.stream().map(article -> article.categories().get(0)).toList(), predicted);
    }

    private TaxonomyModel trained(List<LabeledArticle> articles) {
        TaxonomyModel model = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        articles.forEach(article -> model.apply(TaxonomyModel.features(frequencies(article)), labels(article), 1));
        return model;
    }

    private Map<String, Integer> frequencies(LabeledArticle article) {
        return text.termFrequencies(article.title(), article.body());
    }

    private static List<TaxonomyModel.Label> labels(LabeledArticle article) {
        return article.categories().stream().map(category -> new TaxonomyModel.Label(category, category)).toList();
    }

    /** A unit vector of 8 dimensions pointing mostly at the category's own axis, {@code noise} towards all the others. */
    static float[] categoryVector(String category, float noise) {
        float[] vector = new float[8];
        Arrays.fill(vector, noise);
        vector[Math.floorMod(category.hashCode(), vector.length)] = 1;
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }
}
