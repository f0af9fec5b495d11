package dev.newsflow.benchmarks.categories;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.newsflow.enrichment.categories.EmbeddingModels;
import dev.newsflow.enrichment.categories.EmbeddingTopicScorer;
import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.LexicalTopicScorer;
import dev.newsflow.enrichment.categories.TopicDescriptions;
import dev.newsflow.enrichment.text.ArticleText;
import picocli.CommandLine.Command;

/**
 * What the IPTC classifier adds to enrichment-service's start-up and memory: the time to load the embedding model
 * and embed the topic descriptions (what {@code IptcTopics} does when the service starts), the heap in use after
 * a full collection, the process's resident memory (heap plus ONNX Runtime's native memory), and the CPU time per
 * article of the whole process (JVM and native threads), which is what one dedicated core would spend, however
 * busy the machine is.
 * <pre>taskset -c 1 java -Xmx512m -XX:ActiveProcessorCount=1 -jar benchmarks/target/newsflow-benchmarks.jar iptc-footprint</pre>
 */
@Command(name = "iptc-footprint", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"IPTC topics: start-up, heap, resident memory and CPU per article (-Xmx512m, one core).",
                "Loads e5-small-v2-q and embeds the topic descriptions as enrichment-service does when it starts, then",
                "classifies the evaluation articles twice (warm-up, measured), long and headline + lead apart."})
public final class IptcFootprint implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        ArticleText text = new ArticleText();
        report("before", 0);
        long started = System.nanoTime();
        TopicDescriptions descriptions = TopicDescriptions.load();
        IptcTopicClassifier classifier = new IptcTopicClassifier(descriptions,
                new LexicalTopicScorer(descriptions, text, LexicalTopicScorer.Settings.DEFAULTS),
                new EmbeddingTopicScorer(descriptions, EmbeddingModels.e5SmallV2Quantized(), EmbeddingTopicScorer.Settings.DEFAULTS),
                IptcTopicClassifier.Calibration.DEFAULTS);
        report("classifier built", System.nanoTime() - started);
        List<LabeledArticle> articles = new ArrayList<>();
        for (String set : IptcEvaluation.SETS) {
            for (String split : List.of("dev", "test")) {
                articles.addAll(IptcEvaluation.read(set + "-" + split + ".jsonl"));
            }
        }
        // A first pass warms up the JIT; the second is measured, long and short articles apart.
        articles.forEach(article -> classifier.predict(article.title(), article.body(),
                text.termFrequencies(article.title(), article.body())));
        for (boolean longOnes : new boolean[] {true, false}) {
            List<LabeledArticle> measured = articles.stream().filter(article -> (article.body().length() > 800) == longOnes).toList();
            long wall = System.nanoTime();
            long cpu = processCpuNanos();
            measured.forEach(article -> classifier.predict(article.title(), article.body(),
                    text.termFrequencies(article.title(), article.body())));
            System.out.printf(Locale.ROOT, "%s articles (%d): %.1f ms CPU per article (all threads, native included), "
                    + "%.1f ms wall%n", longOnes ? "long" : "short", measured.size(), (processCpuNanos() - cpu) / 1e6 / measured.size(),
                    (System.nanoTime() - wall) / 1e6 / measured.size());
        }
        report("after classifying", 0);
        return 0;
    }

    /** CPU time of the whole process: the JVM's threads and ONNX Runtime's native ones. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(String stage, long nanos) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%-22s %6d ms wall   heap used %4d MB (max %d MB)   resident %s   JVM up %d ms, "
                + "process CPU %d ms%n", stage, nanos / 1_000_000, (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20, resident(), ManagementFactory.getRuntimeMXBean().getUptime(), processCpuNanos() / 1_000_000);
    }

    private static String resident() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring(6).strip()).findFirst().orElse("n/a");
    }
}
