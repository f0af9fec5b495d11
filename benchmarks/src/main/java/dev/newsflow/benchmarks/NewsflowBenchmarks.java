package dev.newsflow.benchmarks;

import dev.newsflow.benchmarks.categories.CategoryEvaluation;
import dev.newsflow.benchmarks.categories.IptcEvaluation;
import dev.newsflow.benchmarks.categories.IptcFootprint;
import dev.newsflow.benchmarks.corpus.CorpusCommand;
import dev.newsflow.benchmarks.ingest.IngestBenchmark;
import dev.newsflow.benchmarks.related.RelatedPostsBenchmark;
import dev.newsflow.benchmarks.related.SameEventEvaluation;
import dev.newsflow.benchmarks.stream.StreamBenchmark;
import dev.newsflow.benchmarks.text.KeyPhraseEvaluation;
import dev.newsflow.benchmarks.text.PageExtractionEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' one command: {@code java -jar benchmarks/target/newsflow-benchmarks.jar <sub-command> [options]},
 * run from the repository root after {@code ./mvnw -q -DskipTests package}. Each sub-command is a picocli
 * {@code @Command}; a new benchmark or evaluation is one more class listed here (see docs/benchmarks.md).
 */
@Command(name = "newsflow-benchmarks", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "newsflow's benchmarks, evaluations and corpus generator.",
        subcommands = {
                IngestBenchmark.class,
                StreamBenchmark.class,
                RelatedPostsBenchmark.class,
                SameEventEvaluation.class,
                CategorizationCommand.class,
                CategoryEvaluation.class,
                IptcEvaluation.class,
                IptcFootprint.class,
                JmhCommand.class,
                CorpusCommand.class,
                KeyPhraseEvaluation.class,
                PageExtractionEvaluation.class,
                CommandLine.HelpCommand.class })
public final class NewsflowBenchmarks {

    private NewsflowBenchmarks() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new NewsflowBenchmarks());
    }
}
