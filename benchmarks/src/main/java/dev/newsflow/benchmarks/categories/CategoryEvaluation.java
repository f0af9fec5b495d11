package dev.newsflow.benchmarks.categories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.text.ArticleText;

/**
 * The evaluation command: trains a fresh model with enrichment-service's own text analysis and classifier on one
 * labelled JSON Lines file and reports accuracy, macro-F1 and the confusion matrix of its best category on another.
 *
 * <pre>java -cp benchmarks/target/newsflow-benchmarks.jar dev.newsflow.benchmarks.categories.CategoryEvaluation --train train.jsonl --test test.jsonl
 *     [--alpha 0.05] [--evidence 1] [--min-confidence 0.3]</pre>
 */
public final class CategoryEvaluation {

    private final ArticleText text = new ArticleText();
    private final TaxonomyModel model;

    public CategoryEvaluation(TaxonomyModel.Settings settings) {
        this.model = new TaxonomyModel(settings);
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        if (!options.containsKey("train") || !options.containsKey("test")) {
            System.err.println("usage: --train <labelled.jsonl> --test <labelled.jsonl> [--alpha A] [--evidence E] [--min-confidence C]");
            System.exit(2);
        }
        TaxonomyModel.Settings defaults = TaxonomyModel.Settings.DEFAULTS;
        TaxonomyModel.Settings settings = new TaxonomyModel.Settings(
                Double.parseDouble(options.getOrDefault("alpha", String.valueOf(defaults.alpha()))),
                Double.parseDouble(options.getOrDefault("evidence", String.valueOf(defaults.evidence()))),
                defaults.maxVocabulary());
        CategoryEvaluation evaluation = new CategoryEvaluation(settings);
        List<LabeledArticle> train = LabeledArticle.read(Path.of(options.get("train")));
        List<LabeledArticle> test = LabeledArticle.read(Path.of(options.get("test")));
        long started = System.nanoTime();
        evaluation.train(train);
        long trained = System.nanoTime();
        Evaluation result = evaluation.evaluate(test);
        long tested = System.nanoTime();
        System.out.printf(Locale.ROOT, "trained on %d articles in %d ms (%d terms); classified %d in %d ms%n%n", train.size(),
                (trained - started) / 1_000_000, evaluation.model.vocabularySize(), test.size(), (tested - trained) / 1_000_000);
        System.out.print(result.report());
        double minConfidence = Double.parseDouble(options.getOrDefault("min-confidence", "0.3"));
        System.out.printf(Locale.ROOT, "%nwith min-confidence %.2f (as enrichment assigns them): %s%n", minConfidence,
                evaluation.thresholded(test, minConfidence));
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
