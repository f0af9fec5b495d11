package dev.newsflow.benchmarks.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a service's heap through {@code /actuator/prometheus} every 200 ms until stopped; keeps the most it saw. */
public final class HeapSampler {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong most = new AtomicLong();
    private final URI prometheus;

    public HeapSampler(String serviceBaseUrl) {
        // Only the heap's meter: a full scrape every 200 ms would be a load of its own on the service measured.
        this.prometheus = URI.create(serviceBaseUrl + "/actuator/prometheus?includedNames=jvm_memory_used_bytes");
        scheduler.scheduleAtFixedRate(() -> most.accumulateAndGet(heapUsed(), Math::max), 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Bytes of heap in use now, over all heap pools; 0 if the service did not answer. */
    public long heapUsed() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
        catch (IOException ex) {
            return 0;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops sampling; the most heap seen, in bytes. */
    public long stop() {
        scheduler.shutdownNow();
        return most.get();
    }
}
