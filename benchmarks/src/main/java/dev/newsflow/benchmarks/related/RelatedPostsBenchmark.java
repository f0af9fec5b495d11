package dev.newsflow.benchmarks.related;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.newsflow.benchmarks.corpus.CorpusGenerator;
import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The related-posts benchmark: for each corpus size, builds the index from a generated corpus, rebuilds it from
 * MongoDB (sizes up to {@code --mongo-max}; mongo-java-server in this JVM, as enrichment-service reads it at
 * start-up: documents in batches of 1,000, analysis on every core), measures the related-posts lookup of
 * {@code --queries} articles (p50/p99, after a warm-up pass), heap and index size, and precision at 5 for
 * same-story retrieval against Lucene's MoreLikeThis. First, copy detection and story grouping are measured by
 * enriching a {@code --arrival} corpus in arrival order.
 *
 * <p>{@code java -Xmx6g -jar benchmarks/target/newsflow-benchmarks.jar related [--sizes=10000,100000,1000000]
 * [--queries=1000] [--arrival=10000] [--mongo-max=100000]}
 */
@Command(name = "related", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Related posts, copies and stories on generated corpora (run with -Xmx6g).",
                "Copy and story detection in arrival order, then per corpus size build and rebuild time, heap, index",
                "size, lookup p50/p99 and P@5 against Lucene's MoreLikeThis."})
public final class RelatedPostsBenchmark implements Callable<Integer> {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(30);
    private static final Duration WARM_UP = Duration.ofSeconds(15);

    @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "10000,100000,1000000",
            description = "corpus sizes (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", description = "lookups measured per size (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--arrival", paramLabel = "N", defaultValue = "10000",
            description = "articles enriched in arrival order for copy and story detection; 0 skips it (default ${DEFAULT-VALUE})")
    int arrival;

    @Option(names = "--mongo-max", paramLabel = "N", defaultValue = "100000",
            description = "largest size also rebuilt from MongoDB (default ${DEFAULT-VALUE})")
    int mongoMax;

    @Override
    public Integer call() {
        if (arrival > 0) {
            try (RelatedPostsRun run = new RelatedPostsRun(RelatedPostsRun.DEFAULTS)) {
                long started = System.nanoTime();
                RelatedPostsRun.ArrivalQuality quality = run.enrichInOrder(new CorpusGenerator(arrival, 7, START, SPAN));
                System.out.printf("arrival order, %,d articles (%,d ms): copies %d, flagged %d, correct %d -> precision %.3f, "
                                + "recall %.3f; story pairs precision %.3f, recall %.3f%n", arrival,
                        (System.nanoTime() - started) / 1_000_000, quality.copies(), quality.flagged(),
                        quality.correctlyFlagged(), quality.copyPrecision(), quality.copyRecall(),
                        quality.storyPairPrecision(), quality.storyPairRecall());
            }
        }
        System.out.println("| articles | build | rebuild from MongoDB | heap | index on disk | stems | lookup p50 | p99 | P@5 related | P@5 MoreLikeThis |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            measure(size, queries, size <= mongoMax);
        }
        return 0;
    }

    private static void measure(int size, int queryCount, boolean viaMongo) {
        long heapBefore = usedHeap();
        try (RelatedPostsRun run = new RelatedPostsRun(RelatedPostsRun.DEFAULTS);
             MongoStandIn mongo = viaMongo ? new MongoStandIn() : null) {
            List<SyntheticArticle> queries = new ArrayList<>();
            int every = Math.max(1, size / queryCount);
            long started = System.nanoTime();
            List<Document> batch = new ArrayList<>();
            CorpusGenerator corpus = new CorpusGenerator(size, 11, START, SPAN);
            int n = 0;
            while (corpus.hasNext()) {
                SyntheticArticle article = corpus.next();
                RelatedPostsRun.Prepared prepared = run.prepare(article);
                // Built in bulk, so copies carry the generator's mark; detection is measured in arrival order above.
                run.index().add(run.indexed(prepared, article.storyId(), article.copyOf()));
                if (article.copyOf() == null && n++ % every == 0 && queries.size() < queryCount) {
                    queries.add(article);
                }
                if (mongo != null) {
                    batch.add(mongo.document(article, prepared));
                    if (batch.size() == 1_000) {
                        mongo.articles.insertMany(batch);
                        batch.clear();
                    }
                }
            }
            if (mongo != null && !batch.isEmpty()) {
                mongo.articles.insertMany(batch);
            }
            long built = (System.nanoTime() - started) / 1_000_000;
            String rebuilt = "–";
            if (mongo != null) {
                run.index().clear();
                long rebuildStarted = System.nanoTime();
                mongo.rebuild(run);
                rebuilt = String.format("%,d ms", (System.nanoTime() - rebuildStarted) / 1_000_000);
            }
            int indexed = run.index().size();
            System.out.printf("(%,d articles: %d segments)%n", indexed, run.index().segments());
            long heap = usedHeap() - heapBefore;
            // Warm-up passes first, for at least WARM_UP whatever the size (the JIT compiles the lookup's paths only
            // after many calls: one pass of a small corpus is over in two seconds), then the measured one.
            long warmUpStarted = System.nanoTime();
            do {
                lookups(run, queries);
            } while (System.nanoTime() - warmUpStarted < WARM_UP.toNanos());
            long[] nanos = lookups(run, queries);
            Arrays.sort(nanos);
            RelatedPostsRun.PrecisionAt5 precision = run.precisionAt5(queries, CorpusGenerator::storyOf);
            System.out.printf("| %,d | %,d ms | %s | %,d MB%s | %,d MB | %,d | %.2f ms | %.2f ms | %.3f | %.3f |%n", indexed, built,
                    rebuilt, heap / 1_000_000, mongo == null ? "" : " (with the MongoDB stand-in)",
                    run.index().sizeOnDisk() / 1_000_000, run.index().frequencies().vocabulary(), nanos[nanos.length / 2] / 1e6,
                    nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6, precision.related(), precision.moreLikeThis());
        }
    }

    private static long[] lookups(RelatedPostsRun run, List<SyntheticArticle> queries) {
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long started = System.nanoTime();
            run.relate(run.prepare(queries.get(i)));
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // mongo-java-server in this JVM, with the fields enrichment-service stores and reads back to rebuild.
    private static final class MongoStandIn implements AutoCloseable {

        private final MongoServer server = new MongoServer(new MemoryBackend());
        private final MongoClient client;
        private final MongoCollection<Document> articles;

        MongoStandIn() {
            server.bind("127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
            articles = client.getDatabase("newsflow").getCollection("articles");
        }

        Document document(SyntheticArticle article, RelatedPostsRun.Prepared prepared) {
            return new Document("_id", article.id()).append("version", 1L).append("publisher", article.publisher())
                    .append("title", article.title()).append("body", article.body())
                    .append("publishedAt", Date.from(article.publishedAt()))
                    .append("categories", List.of(new Document("code", article.category()).append("label", article.category())))
                    .append("keywordWeights", prepared.keywords().weights().entrySet().stream()
                            .map(entry -> new Document("term", entry.getKey()).append("weight", entry.getValue())).toList())
                    .append("storyId", article.storyId()).append("duplicateOf", article.copyOf());
        }

        // What enrichment-service does at start-up: read the window's articles, analyse them on every core, index.
        void rebuild(RelatedPostsRun run) {
            List<Document> chunk = new ArrayList<>();
            try (MongoCursor<Document> cursor = articles.find().batchSize(1_000).iterator()) {
                while (cursor.hasNext()) {
                    chunk.add(cursor.next());
                    if (chunk.size() == 2_000 || !cursor.hasNext()) {
                        chunk.parallelStream().forEach(document -> run.index().add(run.indexed(document)));
                        chunk.clear();
                    }
                }
            }
            run.index().size();
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
