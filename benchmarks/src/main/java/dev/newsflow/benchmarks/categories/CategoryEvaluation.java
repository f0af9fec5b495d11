package dev.newsflow.benchmarks.categories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.text.ArticleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The evaluation command: trains a fresh model with enrichment-service's own text analysis and classifier on one
 * labelled JSON Lines file and reports accuracy, macro-F1 and the confusion matrix of its best category on another.
 *
 * <pre>java -jar benchmarks/target/newsflow-benchmarks.jar category-evaluation --train train.jsonl --test test.jsonl
 *     [--alpha 0.05] [--evidence 1] [--min-confidence 0.3]</pre>
 */
@Command(name = "category-evaluation", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Learned publisher categories: trains a fresh model on one labelled JSON Lines file and reports",
                "accuracy, macro-F1 and the confusion matrix of its best category on another."})
public final class CategoryEvaluation implements Callable<Integer> {

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "labelled JSON Lines to train on")
    private Path trainFile;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "labelled JSON Lines to score")
    private Path testFile;

    @Option(names = "--alpha", defaultValue = "0.05", description = "additive smoothing (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--evidence", defaultValue = "1.0", description = "evidence weight (default: ${DEFAULT-VALUE})")
    private double evidence;

    @Option(names = "--min-confidence", defaultValue = "0.3",
            description = "confidence from which enrichment assigns a category (default: ${DEFAULT-VALUE})")
    private double minConfidence;

    private final ArticleText text = new ArticleText();
    private final TaxonomyModel model;

    /** For picocli: the model is made in {@link #call()} from the options. */
    CategoryEvaluation() {
        this.model = null;
    }

    public CategoryEvaluation(TaxonomyModel.Settings settings) {
        this.model = new TaxonomyModel(settings);
    }

    @Override
    public Integer call() {
        CategoryEvaluation evaluation = new CategoryEvaluation(new TaxonomyModel.Settings(alpha, evidence,
                TaxonomyModel.Settings.DEFAULTS.maxVocabulary()));
        List<LabeledArticle> train = LabeledArticle.read(trainFile);
        List<LabeledArticle> test = LabeledArticle.read(testFile);
        long started = System.nanoTime();
        evaluation.train(train);
        long trained = System.nanoTime();
        Evaluation result = evaluation.evaluate(test);
        long tested = System.nanoTime();
        System.out.printf(Locale.ROOT, "trained on %d articles in %d ms (%d terms); classified %d in %d ms%n%n", train.size(),
                (trained - started) / 1_000_000, evaluation.model.vocabularySize(), test.size(), (tested - trained) / 1_000_000);
        System.out.print(result.report());
        System.out.printf(Locale.ROOT, "%nwith min-confidence %.2f (as enrichment assigns them): %s%n", minConfidence,
                evaluation.thresholded(test, minConfidence));
        return 0;
    }

    /** How predictions at or above {@code minConfidence} fare: coverage, categories per article, precision. */
    public String thresholded(List<LabeledArticle> articles, double minConfidence) {
        int covered = 0;
        int assigned = 0;
        int correct = 0;
        for (LabeledArticle article : articles) {
            List<TaxonomyModel.Prediction> kept = model.predict(text.termFrequencies(article.title(), article.body())).stream()
                    .filter(prediction -> prediction.confidence() >= minConfidence).toList();
            covered += kept.isEmpty() ? 0 : 1;
            assigned += kept.size();
            correct += (int) kept.stream().filter(prediction -> article.categories().contains(prediction.code())).count();
        }
        return String.format(Locale.ROOT, "%d of %d articles get a category, %.2f categories each, %.3f of them correct",
                covered, articles.size(), covered == 0 ? 0 : (double) assigned / covered, assigned == 0 ? 0 : (double) correct / assigned);
    }

    /** Trains on every article, each under all its categories. */
    public void train(List<LabeledArticle> articles) {
        for (LabeledArticle article : articles) {
            Map<String, Integer> frequencies = text.termFrequencies(article.title(), article.body());
            model.apply(TaxonomyModel.features(frequencies),
                    article.categories().stream().map(category -> new TaxonomyModel.Label(category, category)).toList(), 1);
        }
    }

    /** Scores the best predicted category against each article's first category. */
    public Evaluation evaluate(List<LabeledArticle> articles) {
        List<String> actual = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (LabeledArticle article : articles) {
            actual.add(article.categories().get(0));
            List<TaxonomyModel.Prediction> predictions = model.predict(text.termFrequencies(article.title(), article.body()));
            predicted.add(predictions.isEmpty() ? null : predictions.get(0).code());
        }
        return Evaluation.of(actual, predicted);
    }

    public TaxonomyModel model() {
        return model;
    }
}
