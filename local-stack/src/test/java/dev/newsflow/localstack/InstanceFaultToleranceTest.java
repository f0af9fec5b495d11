package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsflow.local.FreePorts;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Faults of the service instances themselves, mid-stream: enrichment-service stopped and restarted, a second
 * enrichment instance sharing the partitions, publish-service instances stopped and one restarted while a client
 * resumes (see {@link FaultSuite} for what each test checks afterwards).
 */
class InstanceFaultToleranceTest extends FaultSuite {

    InstanceFaultToleranceTest() {
        super("instance-faults");
    }

    @Test
    @Order(1)
    void enrichmentServiceStoppedAndRestartedMidStream() {
        ArticleLoad load = ArticleLoad.startUpTo(client, run("restart"), ARTICLES, WORKERS, BEFORE_FAULT);
        int before = load.acceptUpTo(BEFORE_FAULT, ACCEPT_TIMEOUT);
        int storedAtStop = stored(load.run()).size();

        int exitCode = stack.stopInstance(ENRICHMENT);
        Map<String, ArticleLoad.Accepted> acceptedWhileStopped = acceptedAfter(load, load.acceptedSoFar());
        Set<String> storedWhileStopped = stored(load.run()).keySet();
        stack.startInstance(ENRICHMENT, ENRICHMENT, options.ports().enrichment());

        Outcome outcome = settle(load);
        outcome.print("(a) enrichment-service stopped (SIGTERM, exit code " + exitCode + ") and restarted mid-stream: "
                + before + " submissions accepted before the stop (" + storedAtStop + " articles stored by then), "
                + acceptedWhileStopped.size() + " articles while it was stopped");
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (graceful shutdown) and exited; 0 if it exited itself.
        assertThat(exitCode).isIn(0, 143);
        assertThat(storedWhileStopped).as("articles stored while enrichment was stopped: none, they wait in Kafka")
                .doesNotContainAnyElementsOf(acceptedWhileStopped.keySet());
        outcome.assertNothingLost();
    }

    @Test
    @Order(5)
    void twoEnrichmentInstancesInOneGroupShareThePartitionsWithoutDuplicates() {
        int secondPort = FreePorts.next();
        stack.startInstance(ENRICHMENT, "enrichment-service-2", secondPort);
        List<Integer> ports = List.of(options.ports().enrichment(), secondPort);
        await().atMost(Duration.ofSeconds(60)).until(() -> ports.stream().allMatch(port -> assignedPartitions(port) > 0));
        List<Double> before = ports.stream().map(this::enrichedCount).toList();

        ArticleLoad load = ArticleLoad.start(client, run("scale"), ARTICLES, WORKERS);
        Outcome outcome = settle(load);
        List<Double> after = ports.stream().map(this::enrichedCount).toList();
        int first = (int) (after.get(0) - before.get(0));
        int second = (int) (after.get(1) - before.get(1));
        int exitCode = stack.stopInstance("enrichment-service-2");

        outcome.print("(e) two enrichment-service instances in one consumer group: " + first + " + " + second
                + " records enriched; the second stopped with exit code " + exitCode);
        outcome.assertNothingLost();
        assertThat(first).isPositive();
        assertThat(second).isPositive();
        assertThat(first + second).as("records enriched by both instances").isEqualTo(load.acceptedSubmissions());
        assertThat(outcome.repeats).as("events delivered twice").isZero();
    }

    @Test
    @Order(6)
    void publishServiceStoppedWhileArticlesArriveAndAClientResumingAfterItsRestartGetsEveryArticleOnce() {
        // A second instance shares the event log's consumer group; the client reads from the first.
        stack.startInstance(PUBLISH, "publish-service-2", FreePorts.next());
        NewsflowClient.StreamSubscription reader = client.stream();
        client.awaitLive(reader);
        ArticleLoad load = ArticleLoad.startUpTo(client, run("publish"), ARTICLES, WORKERS, ARTICLES / 4);
        int before = load.acceptUpTo(ARTICLES / 4, ACCEPT_TIMEOUT);

        reader.close();
        // The class's own subscriber leaves too (settle() below reads the resuming client): every reader of the
        // stopped instances is one that reconnects.
        stream.close();
        int exitCode = stack.stopInstance(PUBLISH);
        int whileSecondRan = load.acceptUpTo(ARTICLES / 2, ACCEPT_TIMEOUT) - before;
        // With every instance down, only the consumer group's committed offsets remember where the log stopped.
        int secondExitCode = stack.stopInstance("publish-service-2");
        Map<String, ArticleLoad.Accepted> acceptedWhileAllDown = acceptedAfter(load, load.acceptedSoFar(), ARTICLES * 3 / 4);
        stack.startInstance(PUBLISH, PUBLISH, options.ports().publish());
        Outcome outcome;
        try (NewsflowClient.StreamSubscription resumed = client.resume(reader)) {
            outcome = settle(load, resumed);
        }
        outcome.print("(f) publish-service stopped (exit code " + exitCode + ") while a second instance ran, then that one too ("
                + secondExitCode + "); the first restarted and the client resumed with its Last-Event-ID: " + before
                + " submissions accepted before the first stop, " + whileSecondRan + " while the second ran, "
                + acceptedWhileAllDown.size() + " articles while both were down");
        outcome.assertNothingLost();
        assertThat(outcome.repeats).as("events delivered twice").isZero();
    }
}
