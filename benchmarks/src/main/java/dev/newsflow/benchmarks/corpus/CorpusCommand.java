package dev.newsflow.benchmarks.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar benchmarks/target/newsflow-benchmarks.jar corpus --articles=10000 --out=corpus.jsonl [--seed=1]
 * [--days=30]} writes a {@link CorpusGenerator} corpus as one JSON article per line, valid for ingest-service's NDJSON
 * batches, with the generator's truth under {@code truth} ({@code story}, {@code copyOf}).
 */
@Command(name = "corpus", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Writes a synthetic news corpus as NDJSON for ingest-service.",
                "One article per line, with the generator's truth (story, copyOf) under \"truth\"."})
public final class CorpusCommand implements Callable<Integer> {

    @Option(names = "--articles", paramLabel = "N", defaultValue = "10000", description = "articles (default ${DEFAULT-VALUE})")
    long articles;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", paramLabel = "D", defaultValue = "30", description = "days the corpus spans (default ${DEFAULT-VALUE})")
    long days;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: standard output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (Writer writer = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out)) {
            CorpusGenerator generator = new CorpusGenerator(articles, seed, Instant.parse("2026-11-01T00:00:00Z"),
                    Duration.ofDays(days));
            while (generator.hasNext()) {
                SyntheticArticle article = generator.next();
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("externalId", article.id());
                line.put("url", "https://" + article.publisher() + ".example/" + article.id());
                line.put("title", article.title());
                line.put("body", article.body());
                line.put("source", article.publisher());
                line.put("publishedAt", article.publishedAt().toString());
                line.put("language", "en");
                line.put("categories", List.of(article.category()));
                Map<String, Object> truth = new LinkedHashMap<>();
                truth.put("story", article.storyId());
                truth.put("copyOf", article.copyOf());
                line.put("truth", truth);
                writer.write(json.writeValueAsString(line));
                writer.write('\n');
            }
        }
        return 0;
    }
}
