package dev.newsflow.benchmarks.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * publish-service's own account of a run, from its histograms on {@code /actuator/prometheus}: how long after the
 * event was sent the feed received it, had it in the event log and handed it to the subscribers' connections
 * ({@code newsflow_stream_lag_seconds{stage}}), and the feed's work per batch. A snapshot before and after a run;
 * the percentiles are those of the run's own observations (the buckets' differences), as Prometheus'
 * {@code histogram_quantile} over the run would give them.
 */
final class StageTimes {

    // A bucket line: the meter's name, its tags (holding le="…"), the cumulative count.
    private static final Pattern BUCKET = Pattern.compile("^(newsflow_stream_\\w+)_bucket\\{(.*)} (\\S+)$");
    private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    // The feed consumer's own account (the Kafka client's averages over its last 30-60 s): how busy its thread is.
    private static final Pattern CONSUMER = Pattern.compile("^kafka_consumer_\\w*?(poll_idle_ratio_avg|time_between_poll_avg"
            + "|commit_latency_avg|fetch_latency_avg)\\{.*client_id=\"consumer-publish-event-log[^\"]*\".*} (\\S+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;

    StageTimes(String serviceBaseUrl) {
        this.prometheus = URI.create(serviceBaseUrl + "/actuator/prometheus");
    }

    /**
     * Each histogram's cumulative bucket counts (upper bound → count), by meter (and stage), and the feed consumer's
     * averages by name.
     */
    record Snapshot(Map<String, TreeMap<Double, Double>> histograms, Map<String, Double> consumer) {
    }

    Snapshot snapshot() {
        Map<String, TreeMap<Double, Double>> histograms = new LinkedHashMap<>();
        Map<String, Double> consumerAverages = new TreeMap<>();
        try {
            String metrics = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            metrics.lines().forEach(line -> {
                Matcher consumer = CONSUMER.matcher(line);
                if (consumer.matches()) {
                    consumerAverages.put(consumer.group(1), Double.parseDouble(consumer.group(2)));
                    return;
                }
                Matcher bucket = BUCKET.matcher(line);
                if (!bucket.matches()) {
                    return;
                }
                Matcher stage = STAGE.matcher(bucket.group(2));
                Matcher le = LE.matcher(bucket.group(2));
                if (le.find()) {
                    String name = bucket.group(1) + (stage.find() ? " " + stage.group(1) : "");
                    histograms.computeIfAbsent(name, key -> new TreeMap<>()).put(bound(le.group(1)), Double.parseDouble(bucket.group(3)));
                }
            });
        }
        catch (IOException ex) {
            System.out.printf("publish-service's metrics not read: %s%n", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return new Snapshot(histograms, consumerAverages);
    }

    /** Prints each histogram's count, p50 and p99 between the two snapshots (seconds as ms; batch sizes as they are). */
    static void print(Snapshot before, Snapshot after) {
        System.out.printf("| publish-service stage (its histograms) | observations | p50 | p99 |%n|---|---|---|---|%n");
        after.histograms().forEach((name, buckets) -> {
            TreeMap<Double, Double> earlier = before.histograms().getOrDefault(name, new TreeMap<>());
            TreeMap<Double, Double> run = new TreeMap<>();
            buckets.forEach((bound, count) -> run.put(bound, count - earlier.getOrDefault(bound, 0.0)));
            double total = run.isEmpty() ? 0 : run.lastEntry().getValue();
            boolean seconds = name.contains("_seconds");
            System.out.printf("| %s | %,.0f | %s | %s |%n", name, total, value(quantile(run, total, 0.50), seconds),
                    value(quantile(run, total, 0.99), seconds));
        });
        System.out.printf("feed consumer (the Kafka client's averages over its last 30-60 s, ms or ratio): %s%n", after.consumer());
    }

    private static String value(double value, boolean seconds) {
        return Double.isNaN(value) ? "–" : seconds ? String.format("%.1f ms", value * 1000) : String.format("%.1f", value);
    }

    // Linear within the bucket that holds the quantile, as histogram_quantile does.
    private static double quantile(TreeMap<Double, Double> cumulative, double total, double quantile) {
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey() : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
