package dev.newsflow.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.text.ArticleText;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long categorizing one article takes (issue goal: median ≤ 1 ms), sampled per call so that JMH reports the
 * median (p0.50) and tail.
 *
 * <ul>
 * <li>{@code analyseAndClassify}: the whole step for a real article of the shipped sample: Lucene analysis of title
 * and body, then the model's prediction, with the model trained on the sample's training file.</li>
 * <li>{@code classify} with {@code model=full}: prediction only, on a model at the default vocabulary cap
 * (100,000 terms) with 20 categories, trained on synthetic Zipf-distributed articles of 300 distinct terms, for
 * an article of 300 distinct terms. This is the size a busy publisher's model reaches.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/newsflow-benchmarks.jar categorization} (from the repository root, or
 * pass {@code -p samples=<dir>}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CategorizationBenchmark {

    static final int SYNTHETIC_CATEGORIES = 20;
    static final int SYNTHETIC_VOCABULARY = 150_000;
    static final int TERMS_PER_ARTICLE = 300;

    @Param("samples/categories")
    public String samples;

    private final ArticleText text = new ArticleText();
    private TaxonomyModel sampleModel;
    private List<LabeledArticle> sampleArticles;
    private TaxonomyModel fullModel;
    private List<Map<String, Integer>> syntheticArticles;
    private int next;

    @Setup(Level.Trial)
    public void train() {
        Path directory = Path.of(samples);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("No sample directory " + directory.toAbsolutePath() + ": run from the repository root");
        }
        sampleModel = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        for (LabeledArticle article : LabeledArticle.read(directory.resolve("train.jsonl"))) {
            sampleModel.apply(TaxonomyModel.features(text.termFrequencies(article.title(), article.body())), labels(article), 1);
        }
        sampleArticles = LabeledArticle.read(directory.resolve("test.jsonl"));

        SplittableRandom random = new SplittableRandom(42);
        long before = usedHeap();
        fullModel = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        for (int i = 0; i < 20_000; i++) {
            int category = i % SYNTHETIC_CATEGORIES;
            fullModel.apply(TaxonomyModel.features(synthetic(random, category)),
                    List.of(new TaxonomyModel.Label("c" + category, "Category " + category)), 1);
        }
        long modelBytes = usedHeap() - before;
        syntheticArticles = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            syntheticArticles.add(synthetic(random, i % SYNTHETIC_CATEGORIES));
        }
        System.out.printf("%nsample model: %d terms; full model: %d terms, %d categories, ~%d MB of heap%n",
                sampleModel.vocabularySize(), fullModel.vocabularySize(), fullModel.categories().size(), modelBytes >> 20);
    }

    /** Heap in use after a full collection (an estimate: System.gc() is a request). */
    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** 300 distinct terms, Zipf-like over the vocabulary, a third of them drawn from the category's own range. */
    private static Map<String, Integer> synthetic(SplittableRandom random, int category) {
        Map<String, Integer> frequencies = new HashMap<>();
        while (frequencies.size() < TERMS_PER_ARTICLE) {
            int rank = (int) Math.floor(Math.pow(SYNTHETIC_VOCABULARY, random.nextDouble()));
            int term = random.nextInt(3) == 0 ? (rank * SYNTHETIC_CATEGORIES + category) % SYNTHETIC_VOCABULARY : rank;
            frequencies.merge("t" + term, 1, Integer::sum);
        }
        return frequencies;
    }

    private static List<TaxonomyModel.Label> labels(LabeledArticle article) {
        return article.categories().stream().map(category -> new TaxonomyModel.Label(category, category)).toList();
    }

    @Benchmark
    public List<TaxonomyModel.Prediction> analyseAndClassify() {
        LabeledArticle article = sampleArticles.get(next++ % sampleArticles.size());
        return sampleModel.predict(text.termFrequencies(article.title(), article.body()));
    }

    @Benchmark
    public List<TaxonomyModel.Prediction> classifyWithFullModel() {
        return fullModel.predict(syntheticArticles.get(next++ % syntheticArticles.size()));
    }
}
