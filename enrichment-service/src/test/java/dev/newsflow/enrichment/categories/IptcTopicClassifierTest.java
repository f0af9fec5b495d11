package dev.newsflow.enrichment.categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.newsflow.enrichment.text.ArticleText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zero-shot IPTC classifier on the test split of our evaluation sets (benchmarks' {@code categories/eval}):
 * floors a little under what it measured, never exact outputs. The figures themselves come from the benchmarks'
 * iptc-evaluation command.
 */
class IptcTopicClassifierTest {

    static final Path EVAL = Path.of("../benchmarks/src/main/resources/categories/eval");

    private static final ArticleText text = new ArticleText();
    private static final TopicDescriptions descriptions = TopicDescriptions.load();
    private static final LexicalTopicScorer lexical = new LexicalTopicScorer(descriptions, text, LexicalTopicScorer.Settings.DEFAULTS);
    private static IptcTopicClassifier withEmbeddings;
    private static final IptcTopicClassifier wordsOnly = new IptcTopicClassifier(descriptions, lexical, null,
            IptcTopicClassifier.Calibration.DEFAULTS);
    private static List<LabeledArticle> test;
    private static List<List<TaxonomyModel.Prediction>> predicted;

    @BeforeAll
    static void loadModel() {
        withEmbeddings = new IptcTopicClassifier(descriptions, lexical,
                new EmbeddingTopicScorer(descriptions, EmbeddingModels.e5SmallV2Quantized(), EmbeddingTopicScorer.Settings.DEFAULTS),
                IptcTopicClassifier.Calibration.DEFAULTS);
        test = Stream.of("iptc", "fivesection", "foursection")
                .flatMap(set -> LabeledArticle.read(EVAL.resolve(set + "-test.jsonl")).stream()).toList();
        predicted = test.stream().map(IptcTopicClassifierTest::predictWithEmbeddings).toList();
    }

    @Test
    void theTestSplitGetsTheRightTopicFirstAlmostAlwaysAndInTheFirstTwoNearlyAlways() {
        assertThat(topK(test, predicted, 1)).isGreaterThanOrEqualTo(0.87);
        assertThat(topK(test, predicted, 2)).isGreaterThanOrEqualTo(0.95);
        assertThat(predicted).allSatisfy(predictions -> assertThat(predictions).hasSize(17));
    }

    @Test
    void withoutTheEmbeddingModelTheWordsAloneStillGetMostTopicsRight() {
        List<List<TaxonomyModel.Prediction>> wordsAlone = test.stream()
                .map(article -> wordsOnly.predict(article.title(), article.body(), frequencies(article.title(), article.body())))
                .toList();

        assertThat(topK(test, wordsAlone, 1)).isGreaterThanOrEqualTo(0.8);
        assertThat(topK(test, wordsAlone, 2)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void longArticlesAreNotWeakerThanTheirHeadlineAndLeadAlone() {
        List<LabeledArticle> longOnes = test.stream().filter(article -> article.body().length() > 800).toList();
        List<List<TaxonomyModel.Prediction>> whole = new ArrayList<>();
        List<List<TaxonomyModel.Prediction>> lead = new ArrayList<>();
        for (LabeledArticle article : longOnes) {
            whole.add(predicted.get(test.indexOf(article)));
            String firstParagraph = article.body().strip().split("\\n", 2)[0];
            lead.add(withEmbeddings.predict(article.title(), firstParagraph, frequencies(article.title(), firstParagraph)));
        }

        assertThat(longOnes).hasSizeGreaterThan(30);
        assertThat(topK(longOnes, whole, 1)).isGreaterThanOrEqualTo(topK(longOnes, lead, 1));
        assertThat(meanConfidenceInTheMainTopic(whole, longOnes)).isGreaterThanOrEqualTo(meanConfidenceInTheMainTopic(lead, longOnes) - 0.02);
    }

    @Test
    void repeatingAnArticlesBodyChangesNeitherItsTopicNorMuchItsConfidence() {
        LabeledArticle article = test.stream().filter(candidate -> candidate.body().length() > 1500).findFirst().orElseThrow();
        String tripled = String.join("\n\n", article.body(), article.body(), article.body());

        TaxonomyModel.Prediction once = wordsOnly.predict(article.title(), article.body(), frequencies(article.title(), article.body())).get(0);
        TaxonomyModel.Prediction thrice = wordsOnly.predict(article.title(), tripled, frequencies(article.title(), tripled)).get(0);

        assertThat(thrice.code()).isEqualTo(once.code());
        assertThat(thrice.confidence()).isCloseTo(once.confidence(), org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void confidentPredictionsAreRightAsOftenAsTheySayAndUnsureOnesLessOften() {
        int sure = 0;
        int sureRight = 0;
        int unsure = 0;
        int unsureRight = 0;
        for (int i = 0; i < test.size(); i++) {
            LabeledArticle article = test.get(i);
            TaxonomyModel.Prediction top = predicted.get(i).get(0);
            boolean right = top.code().equals(article.categories().get(0));
            if (top.confidence() >= 0.9) {
                sure++;
                sureRight += right ? 1 : 0;
            }
            else {
                unsure++;
                unsureRight += right ? 1 : 0;
            }
        }

        assertThat(sure).isGreaterThan(test.size() / 2);
        assertThat(sureRight / (double) sure).isGreaterThanOrEqualTo(0.9);
        assertThat(unsure).isPositive();
        assertThat(unsureRight / (double) unsure).isLessThan(sureRight / (double) sure);
    }

    @Test
    void aLongReportOnMilitaryCooperationWithAPhotoCaptionIsPoliticsOrConflict() throws IOException {
        JsonNode article = JsonMapper.builder().build().readTree(
                IptcTopicClassifierTest.class.getResourceAsStream("/categories/long-syria-cooperation.json"));
        String title = article.get("title").asString();
        String body = article.get("body").asString();

        List<TaxonomyModel.Prediction> predictions = withEmbeddings.predict(title, body, frequencies(title, body));
        List<TaxonomyModel.Prediction> wordsAlone = wordsOnly.predict(title, body, frequencies(title, body));

        assertThat(body.length()).isGreaterThan(4000);
        assertThat(predictions.get(0).code()).isIn("medtop:11000000", "medtop:16000000");
        assertThat(predictions.subList(0, 2)).extracting(TaxonomyModel.Prediction::code)
                .containsAnyOf("medtop:11000000", "medtop:16000000");
        assertThat(wordsAlone.get(0).code()).isIn("medtop:11000000", "medtop:16000000");
    }

    /** The target (top-1 0.85 on held-out section-style news; 0.6 by words alone) on the blind sets' test halves. */
    @Test
    void newsFromTheBlindSectionSetsLandsUnderTheTopicItsDeskFilesItUnder() throws IOException {
        List<LabeledArticle> fullText = blindTestHalf("bbc-style");
        List<LabeledArticle> wire = blindTestHalf("agnews-style");

        assertThat(topK(fullText, fullText.stream().map(IptcTopicClassifierTest::predictWithEmbeddings).toList(), 1))
                .isGreaterThanOrEqualTo(0.85);
        assertThat(topK(wire, wire.stream().map(IptcTopicClassifierTest::predictWithEmbeddings).toList(), 1))
                .isGreaterThanOrEqualTo(0.85);
        for (List<LabeledArticle> half : List.of(fullText, wire)) {
            List<List<TaxonomyModel.Prediction>> wordsAlone = half.stream()
                    .map(article -> wordsOnly.predict(article.title(), article.body(), frequencies(article.title(), article.body())))
                    .toList();
            assertThat(topK(half, wordsAlone, 1)).isGreaterThanOrEqualTo(0.6);
        }
    }

    /**
     * The soft-news sections of the HuffPost-style blind set (lifestyle, society, health, religion, human interest and
     * the rest, one topic a section): floors a little under the test half's measured 0.70 / 0.88 (0.59 by words alone),
     * far from the 0.85 of the hard-news sets, so that a change that loses what the style and family desks gained shows.
     */
    @Test
    void softNewsFromTheHuffPostStyleSectionsMostlyLandsUnderItsSectionsTopic() throws IOException {
        List<LabeledArticle> half = blindTestHalf("huffpost-style");

        List<List<TaxonomyModel.Prediction>> withModel = half.stream().map(IptcTopicClassifierTest::predictWithEmbeddings).toList();
        assertThat(topK(half, withModel, 1)).isGreaterThanOrEqualTo(0.65);
        assertThat(topK(half, withModel, 2)).isGreaterThanOrEqualTo(0.83);
        List<List<TaxonomyModel.Prediction>> wordsAlone = half.stream()
                .map(article -> wordsOnly.predict(article.title(), article.body(), frequencies(article.title(), article.body())))
                .toList();
        assertThat(topK(half, wordsAlone, 1)).isGreaterThanOrEqualTo(0.55);
    }

    /** The test half of a blind set (benchmarks' {@code categories/blind}; each line names its split). */
    private static List<LabeledArticle> blindTestHalf(String name) throws IOException {
        Path file = EVAL.resolveSibling("blind").resolve(name + ".jsonl");
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && json.readTree(line).path("split").asString().equals("test"))
                .toList();
        return LabeledArticle.parse(file.toString(), lines);
    }

    private static List<TaxonomyModel.Prediction> predictWithEmbeddings(LabeledArticle article) {
        return withEmbeddings.predict(article.title(), article.body(), frequencies(article.title(), article.body()));
    }

    private static Map<String, Integer> frequencies(String title, String body) {
        return text.termFrequencies(title, body);
    }

    private static double topK(List<LabeledArticle> articles, List<List<TaxonomyModel.Prediction>> predicted, int k) {
        int right = 0;
        for (int i = 0; i < articles.size(); i++) {
            String label = articles.get(i).categories().get(0);
            right += predicted.get(i).stream().limit(k).anyMatch(prediction -> prediction.code().equals(label)) ? 1 : 0;
        }
        return right / (double) articles.size();
    }

    private static double meanConfidenceInTheMainTopic(List<List<TaxonomyModel.Prediction>> predicted, List<LabeledArticle> articles) {
        double sum = 0;
        for (int i = 0; i < articles.size(); i++) {
            String label = articles.get(i).categories().get(0);
            sum += predicted.get(i).stream().filter(prediction -> prediction.code().equals(label))
                    .mapToDouble(TaxonomyModel.Prediction::confidence).findFirst().orElse(0);
        }
        return sum / articles.size();
    }
}
