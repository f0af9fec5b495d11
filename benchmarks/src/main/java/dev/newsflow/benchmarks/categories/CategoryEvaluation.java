package dev.newsflow.benchmarks.categories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.newsflow.enrichment.categories.EmbeddingModels;
import dev.newsflow.enrichment.categories.EmbeddingTopicScorer;
import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.categories.TopicDescriptions;
import dev.newsflow.enrichment.text.ArticleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The evaluation command: trains a fresh model with enrichment-service's own text analysis and classifier on one
 * labelled JSON Lines file and reports accuracy, macro-F1 and the confusion matrix of its best category on another.
 *
 * <pre>java -jar benchmarks/target/newsflow-benchmarks.jar category-evaluation --train train.jsonl --test test.jsonl
 *     [--alpha 0.05] [--evidence 1] [--min-confidence 0.3] [--min-lift-over-chance 1.5] [--unknown-categories A,B]
 * java -Xmx2g -jar benchmarks/target/newsflow-benchmarks.jar category-evaluation --compare --split=dev|test
 *     [--blind=bbc-style|agnews-style|huffpost-style] [--train train.jsonl --test test.jsonl] [--embedding-scale 100]
 *     [--open-set]</pre>
 * {@code --compare} runs every method of {@link LearnedCategoryComparison} on the blind sets (by default all three;
 * trained on the dev half with the {@code section} as the publisher category) and on {@code --train}/{@code --test}
 * if given: {@code --split=dev} cross-validates within the training halves only (where the embedding scale is
 * chosen), {@code --split=test} scores the test halves once. With {@code --open-set} it runs {@link OpenSetEvaluation}
 * instead: each category left out in turn, every open-set rule against the model as it is.
 */
@Command(name = "category-evaluation", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Learned publisher categories: trains a fresh model on one labelled JSON Lines file and reports",
                "accuracy, macro-F1 and the confusion matrix of its best category on another."})
public final class CategoryEvaluation implements Callable<Integer> {

    @Option(names = "--train", paramLabel = "FILE", description = "labelled JSON Lines to train on")
    private Path trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "labelled JSON Lines to score")
    private Path testFile;

    @Option(names = "--alpha", defaultValue = "0.05", description = "additive smoothing (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--evidence", defaultValue = "1.0", description = "evidence weight (default: ${DEFAULT-VALUE})")
    private double evidence;

    @Option(names = "--min-confidence", defaultValue = "0.3",
            description = "confidence from which enrichment assigns a category (default: ${DEFAULT-VALUE})")
    private double minConfidence;

    @Option(names = "--min-lift-over-chance", defaultValue = "1.5",
            description = "and this many times chance, 1 / categories (default: ${DEFAULT-VALUE})")
    private double minLiftOverChance;

    @Option(names = "--unknown-categories", split = ",", paramLabel = "CATEGORY",
            description = {"left out of training: their test articles stand for topics the publisher has no category for,",
                    "and the report counts how many of them still get one (all wrong)"})
    private List<String> unknownCategories = List.of();

    @Option(names = "--compare", description = "every method (Naive Bayes with and without e5 centroids, TF-IDF centroid, label match)")
    private boolean compare;

    @Option(names = "--blind", paramLabel = "NAME", description = "with --compare: only this blind set (default: all three)")
    private String blindSet;

    @Option(names = "--split", paramLabel = "dev|test", defaultValue = "dev",
            description = "with --compare: cross-validate within the training halves, or score the test halves (default: ${DEFAULT-VALUE})")
    private String split;

    @Option(names = "--embedding-scale", defaultValue = "100",
            description = "with --compare --split=test: the scale of the e5 centroid cosine (default: ${DEFAULT-VALUE})")
    private double embeddingScale;

    @Option(names = "--no-embeddings", description = "with --compare: without the embedding model")
    private boolean noEmbeddings;

    @Option(names = "--open-set", description = {"with --compare: each category left out of training in turn, every open-set",
            "rule (e5 centroid cosine cuts) against the model as it is"})
    private boolean openSet;

    @Spec
    private CommandSpec spec;

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
        if (compare) {
            compare();
            return 0;
        }
        if (trainFile == null || testFile == null) {
            throw new ParameterException(spec.commandLine(), "--train and --test are required without --compare");
        }
        CategoryEvaluation evaluation = new CategoryEvaluation(new TaxonomyModel.Settings(alpha, evidence,
                TaxonomyModel.Settings.DEFAULTS.maxVocabulary()));
        List<LabeledArticle> train = known(LabeledArticle.read(trainFile), true);
        List<LabeledArticle> allTest = LabeledArticle.read(testFile);
        List<LabeledArticle> test = known(allTest, true);
        List<LabeledArticle> unknown = known(allTest, false);
        long started = System.nanoTime();
        evaluation.train(train);
        long trained = System.nanoTime();
        Evaluation result = evaluation.evaluate(test);
        long tested = System.nanoTime();
        System.out.printf(Locale.ROOT, "trained on %d articles in %d ms (%d terms); classified %d in %d ms%n%n", train.size(),
                (trained - started) / 1_000_000, evaluation.model.vocabularySize(), test.size(), (tested - trained) / 1_000_000);
        System.out.print(result.report());
        System.out.printf(Locale.ROOT, "%nwith min-confidence %.2f (as before 2026-12-07): %s%n", minConfidence,
                evaluation.thresholded(test, minConfidence, 0));
        System.out.printf(Locale.ROOT, "with min-confidence %.2f and %.2f times chance (as enrichment assigns them): %s%n",
                minConfidence, minLiftOverChance, evaluation.thresholded(test, minConfidence, minLiftOverChance));
        if (!unknown.isEmpty()) {
            System.out.printf(Locale.ROOT, "articles of the categories left out of training (%s), before: %s%n",
                    String.join(", ", unknownCategories), evaluation.thresholded(unknown, minConfidence, 0));
            System.out.printf(Locale.ROOT, "articles of the categories left out of training, as enrichment assigns them: %s%n",
                    evaluation.thresholded(unknown, minConfidence, minLiftOverChance));
        }
        return 0;
    }

    private void compare() {
        EmbeddingTopicScorer embeddings = noEmbeddings ? null : new EmbeddingTopicScorer(TopicDescriptions.load(),
                EmbeddingModels.e5SmallV2Quantized(), EmbeddingTopicScorer.Settings.DEFAULTS);
        LearnedCategoryComparison comparison = new LearnedCategoryComparison(text, embeddings);
        Map<String, List<List<LabeledArticle>>> sets = new LinkedHashMap<>();
        for (String name : blindSet == null ? BlindSets.NAMES : List.of(blindSet)) {
            BlindSets blind = new BlindSets(name);
            sets.put(name, List.of(bySection(blind.split("dev")), bySection(blind.split("test"))));
        }
        if (trainFile != null && testFile != null) {
            sets.put(trainFile.getFileName().toString(), List.of(LabeledArticle.read(trainFile), LabeledArticle.read(testFile)));
        }
        if (openSet) {
            openSet(comparison, sets);
            return;
        }
        Map<String, List<Double>> accuracies = new LinkedHashMap<>();
        sets.forEach((name, halves) -> {
            List<LearnedCategoryComparison.Item> train = comparison.items(halves.get(0));
            if (split.equals("test")) {
                comparison.test(name, train, comparison.items(halves.get(1)), embeddingScale, minConfidence, minLiftOverChance);
                return;
            }
            System.out.printf(Locale.ROOT, "%n%s: %d-fold cross-validation within the %d training articles%n%-14s %8s %8s%n", name,
                    LearnedCategoryComparison.FOLDS, train.size(), "method", "accuracy", "macro-F1");
            comparison.crossValidate(train).forEach((method, result) -> {
                System.out.printf(Locale.ROOT, "%-14s %8.3f %8.3f%n", method, result.accuracy(), result.macroF1());
                accuracies.computeIfAbsent(method, ignored -> new ArrayList<>()).add(result.accuracy());
            });
        });
        if (!accuracies.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nmean cross-validated accuracy over the %d sets, and the worst set%n", sets.size());
            accuracies.forEach((method, values) -> System.out.printf(Locale.ROOT, "%-14s %8.3f %8.3f%n", method,
                    values.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    values.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
        }
    }

    /** {@link OpenSetEvaluation} on every set, then each rule's change against the model as it is, per set. */
    private void openSet(LearnedCategoryComparison comparison, Map<String, List<List<LabeledArticle>>> sets) {
        OpenSetEvaluation evaluation = new OpenSetEvaluation(minConfidence, minLiftOverChance);
        Map<String, Map<String, OpenSetEvaluation.Counts>> results = new LinkedHashMap<>();
        sets.forEach((name, halves) -> {
            Map<String, OpenSetEvaluation.Counts> counts = evaluation.evaluate(comparison.items(halves.get(0)),
                    comparison.items(halves.get(1)), split.equals("dev"));
            System.out.printf(Locale.ROOT, "%n%s (%s): each category left out in turn%n%s%n", name, split.equals("dev")
                    ? LearnedCategoryComparison.FOLDS + "-fold within the training half" : "test half", OpenSetEvaluation.header());
            counts.forEach((rule, count) -> System.out.printf(Locale.ROOT, "%-19s %s%n", rule, count.row()));
            results.put(name, counts);
        });
        System.out.printf(Locale.ROOT, "%nagainst the model as it is: known accuracy change per set, worst; left-out share given a"
                + " category, relative change per set, least%n");
        for (String rule : evaluation.rules().keySet()) {
            List<Double> drops = new ArrayList<>();
            List<Double> falls = new ArrayList<>();
            results.values().forEach(counts -> {
                OpenSetEvaluation.Counts before = counts.get("as is");
                OpenSetEvaluation.Counts after = counts.get(rule);
                drops.add(after.accuracy() - before.accuracy());
                falls.add(before.unknownShare() == 0 ? 0 : (after.unknownShare() - before.unknownShare()) / before.unknownShare());
            });
            System.out.printf(Locale.ROOT, "%-19s %s worst %+.3f | %s least %+.2f%n", rule,
                    drops.stream().map(value -> String.format(Locale.ROOT, "%+.3f", value)).toList(),
                    drops.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    falls.stream().map(value -> String.format(Locale.ROOT, "%+.2f", value)).toList(),
                    falls.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
    }

    /** A blind set's articles labelled by their original section, as a publisher would send them. */
    private static List<LabeledArticle> bySection(List<BlindSets.Item> items) {
        return items.stream().map(item -> new LabeledArticle(item.article().id(), item.article().title(), item.article().body(),
                List.of(item.section()))).toList();
    }

    private List<LabeledArticle> known(List<LabeledArticle> articles, boolean known) {
        return articles.stream()
                .filter(article -> unknownCategories.stream().noneMatch(article.categories()::contains) == known)
                .toList();
    }

    /** How the predictions enrichment would assign fare: coverage, categories per article, precision. */
    public String thresholded(List<LabeledArticle> articles, double minConfidence, double minLiftOverChance) {
        int covered = 0;
        int assigned = 0;
        int correct = 0;
        for (LabeledArticle article : articles) {
            List<TaxonomyModel.Prediction> kept = model.assignable(text.termFrequencies(article.title(), article.body()),
                    minConfidence, minLiftOverChance);
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
