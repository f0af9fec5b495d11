package dev.newsflow.benchmarks.categories;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.categories.EmbeddingModels;
import dev.newsflow.enrichment.categories.EmbeddingTopicScorer;
import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.LexicalTopicScorer;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.categories.TopicDescriptions;
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
 * How long the zero-shot IPTC classifier takes per article (goal: ≤ 60 ms on one core), sampled per call: Lucene
 * analysis, lexical scoring and, with {@code embeddings=true}, embedding up to three pieces of the article with
 * e5-small-v2-q. Articles cycle through our evaluation set's long ({@code length=long}, 1–2.5 kB) or headline+lead
 * ({@code length=short}) test articles. Run pinned to one core, with the service's heap:
 * <pre>taskset -c 1 java -Xmx512m -XX:ActiveProcessorCount=1 -jar benchmarks/target/newsflow-benchmarks.jar jmh IptcCategorization</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-XX:ActiveProcessorCount=1"})
public class IptcCategorizationBenchmark {

    @Param({"true", "false"})
    public boolean embeddings;

    @Param({"long", "short"})
    public String length;

    private final ArticleText text = new ArticleText();
    private IptcTopicClassifier classifier;
    private List<LabeledArticle> articles;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        TopicDescriptions descriptions = TopicDescriptions.load();
        classifier = new IptcTopicClassifier(descriptions,
                new LexicalTopicScorer(descriptions, text, LexicalTopicScorer.Settings.DEFAULTS),
                embeddings ? new EmbeddingTopicScorer(descriptions, EmbeddingModels.e5SmallV2Quantized(),
                        EmbeddingTopicScorer.Settings.DEFAULTS) : null,
                IptcTopicClassifier.Calibration.DEFAULTS);
        articles = IptcEvaluation.read("iptc-test.jsonl").stream()
                .filter(article -> (article.body().length() > 800) == length.equals("long")).toList();
    }

    @Benchmark
    public List<TaxonomyModel.Prediction> categorize() {
        LabeledArticle article = articles.get(next++ % articles.size());
        return classifier.predict(article.title(), article.body(), text.termFrequencies(article.title(), article.body()));
    }
}
