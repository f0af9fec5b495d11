package dev.newsflow.localstack;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

/**
 * A newsroom pushing a stream of articles at ingest from several threads, as a CMS with a retry policy would:
 * an answer of 503 or 429 or a refused connection is retried after a short pause until ingest accepts. Every fifth
 * article is followed by an update of an earlier one (new title and paragraph, so a new version).
 *
 * <p>A test can hold the stream at an article number ({@link #acceptUpTo}) and let it go on later ({@link #allowUpTo}),
 * so that a fault lands between articles accepted before it and articles submitted while it lasts, whatever the
 * machine's speed. Records what was accepted: for each article, the version and title of its latest accepted
 * submission.
 *
 * <p>Concurrency: the workers and the test share one monitor (this object) for the hold; the counters are atomic.
 */
final class ArticleLoad implements AutoCloseable {

    /** The latest accepted submission of one article. */
    record Accepted(String id, long version, String title) {
    }

    // An update follows every fifth article, for the article this many numbers back (a multiple of the workers, so
    // the worker that submitted it also submits its update, in order).
    private static final int UPDATE_ROUNDS_BACK = 3;
    private static final String[][] TOPICS = {
            {"United win the cup final after a late penalty", "The striker scored from the spot in the last minute and the "
                    + "goalkeeper could only watch. The coach praised the team and the fans after the match."},
            {"Parliament passes the budget after a long debate", "The government won the vote by twelve seats. The "
                    + "opposition said the minister had ignored the election promises on tax and pensions."},
            {"Central bank raises interest rates again", "Inflation stayed above target, the bank said, and markets "
                    + "fell as investors expect higher prices for mortgages and company loans."},
            {"Storm brings floods to the coast", "Heavy rain and wind closed roads and schools. The weather service "
                    + "warned of more storms and the flooding of rivers over the weekend."},
            {"New vaccine trial shows strong results", "Doctors at the hospital said patients in the trial were "
                    + "protected against the disease. The health ministry will review the study."},
    };

    private final NewsflowClient client;
    private final String run;
    private final int articles;
    private final int workers;
    private final ExecutorService executor;
    private final List<Future<?>> running = new ArrayList<>();
    private final Map<String, Accepted> latest = new ConcurrentHashMap<>();
    private final AtomicInteger acceptedSubmissions = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final int[] next;
    private int limit;

    private ArticleLoad(NewsflowClient client, String run, int articles, int workers, int limit) {
        this.client = client;
        this.run = run;
        this.articles = articles;
        this.workers = workers;
        this.limit = limit;
        this.next = IntStream.range(0, workers).toArray();
        this.executor = Executors.newFixedThreadPool(workers);
    }

    /**
     * Starts submitting {@code articles} articles (plus updates) on {@code workers} threads; their external ids
     * start with {@code run}.
     */
    static ArticleLoad start(NewsflowClient client, String run, int articles, int workers) {
        return startUpTo(client, run, articles, workers, articles);
    }

    /** {@link #start}, holding before article number {@code limit} until {@link #allowUpTo} lets it go on. */
    static ArticleLoad startUpTo(NewsflowClient client, String run, int articles, int workers, int limit) {
        ArticleLoad load = new ArticleLoad(client, run, articles, workers, limit);
        for (int worker = 0; worker < workers; worker++) {
            int first = worker;
            load.running.add(load.executor.submit(() -> load.submitShare(first)));
        }
        return load;
    }

    // Each worker owns the articles i ≡ first (mod workers), so an article and its update are submitted in order.
    private void submitShare(int first) {
        try {
            for (int i = first; i < articles; i += workers) {
                awaitAllowed(first, i);
                submitUntilAccepted(article(i, false));
                int updated = i - UPDATE_ROUNDS_BACK * workers;
                if (i % 5 == 0 && updated >= 0) {
                    submitUntilAccepted(article(updated, true));
                }
            }
        }
        finally {
            awaitAllowed(first, Integer.MAX_VALUE);
        }
    }

    // Records that the worker is done with everything before article number `article`, then waits until it may submit it.
    private synchronized void awaitAllowed(int worker, int article) {
        next[worker] = article;
        notifyAll();
        if (article == Integer.MAX_VALUE) {
            return;
        }
        try {
            while (article >= limit) {
                wait();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Lets the workers go on up to (not including) article number {@code limit}, without waiting. */
    synchronized void allowUpTo(int limit) {
        this.limit = limit;
        notifyAll();
    }

    /** Lets the workers go on to the end. */
    void allowAll() {
        allowUpTo(articles);
    }

    /**
     * Lets the workers go on up to article number {@code limit} and waits until ingest accepted everything before it
     * (each worker is held there or done); returns the submissions accepted so far.
     */
    synchronized int acceptUpTo(int limit, Duration timeout) {
        allowUpTo(limit);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (Arrays.stream(next).anyMatch(article -> article < limit)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Articles before number " + limit + " were not accepted within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return acceptedSubmissions.get();
    }

    private Map<String, Object> article(int i, boolean update) {
        String[] topic = TOPICS[i % TOPICS.length];
        String title = topic[0] + " (report " + i + (update ? ", updated" : "") + ")";
        String body = topic[1] + "\n\nReport " + i + " of " + run + "."
                + (update ? "\n\nThis report was updated with comments from officials." : "");
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("externalId", run + "-report-" + i);
        article.put("url", "https://newsroom.example/news/" + run + "/report-" + i);
        article.put("title", title);
        article.put("body", body);
        article.put("language", "en");
        return article;
    }

    private void submitUntilAccepted(Map<String, Object> article) {
        long pause = 100;
        while (true) {
            try {
                HttpResponse<String> response = client.submit(article);
                if (response.statusCode() == 202) {
                    JsonNode answer = NewsflowClient.JSON.readTree(response.body());
                    String id = answer.get("id").asString();
                    latest.put(id, new Accepted(id, answer.get("version").asLong(), (String) article.get("title")));
                    acceptedSubmissions.incrementAndGet();
                    return;
                }
                if (response.statusCode() == 429) {
                    throttled.incrementAndGet();
                }
                else if (response.statusCode() == 503) {
                    unavailable.incrementAndGet();
                }
                else {
                    throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
                }
            }
            catch (UncheckedIOException ex) {
                refused.incrementAndGet();
            }
            pauseBeforeRetry(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    // A client's back-off between retries, not a wait for some condition.
    private static void pauseBeforeRetry(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The prefix of this load's external ids. */
    String run() {
        return run;
    }

    /** Submissions ingest accepted with a 202 so far (articles and updates). */
    int acceptedSubmissions() {
        return acceptedSubmissions.get();
    }

    /** 503 answers received (each was retried). */
    int unavailableAnswers() {
        return unavailable.get();
    }

    /** 429 answers received (each was retried). */
    int throttledAnswers() {
        return throttled.get();
    }

    /** Submissions that could not connect (each was retried). */
    int refusedConnections() {
        return refused.get();
    }

    /** The latest accepted submission of each article accepted so far. */
    Map<String, Accepted> acceptedSoFar() {
        return Map.copyOf(latest);
    }

    /** Lets the workers go on to the end, waits until every article and update was accepted; fails if a worker failed. */
    Map<String, Accepted> awaitAllAccepted(Duration timeout) {
        allowAll();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Not all articles were accepted within " + timeout);
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw new AssertionError("A load worker failed", ex.getCause());
        }
        return Map.copyOf(latest);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
