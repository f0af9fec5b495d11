package dev.newsflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NewsflowBenchmarksTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsEveryBenchmarkAndEvaluation() {
        assertThat(execute("--help")).isZero();

        assertThat(out.toString()).contains("ingest", "stream", "related", "same-event", "categorization", "category-evaluation", "iptc-evaluation",
                "iptc-footprint", "corpus");
    }

    @Test
    void everySubCommandExplainsItsOptions() {
        CommandLine commandLine = NewsflowBenchmarks.commandLine();

        for (String name : commandLine.getSubcommands().keySet()) {
            assertThat(execute("help", name)).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage: newsflow-benchmarks " + name);
        }
    }

    @Test
    void aMistypedOptionIsRejectedNamingTheRightOne() {
        assertThat(execute("ingest", "--article=10")).isEqualTo(2);

        assertThat(err.toString()).contains("Unknown option: '--article=10'", "--articles");
    }

    @Test
    void sameEventNamesTheSplitsItKnows() {
        assertThat(execute("same-event", "--split=train")).isEqualTo(2);

        assertThat(err.toString()).contains("--split must be one of [test, dev, all], not 'train'");
    }

    @Test
    void corpusWritesOneIngestArticlePerLineWithTheGeneratorsTruth(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("corpus.jsonl");

        assertThat(execute("corpus", "--articles=25", "--seed=3", "--out=" + file)).isZero();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(25);
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(first.path("externalId").asString()).isNotBlank();
        assertThat(first.path("body").asString()).isNotBlank();
        assertThat(first.path("truth").has("story")).isTrue();
    }

    private int execute(String... args) {
        return NewsflowBenchmarks.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }
}
