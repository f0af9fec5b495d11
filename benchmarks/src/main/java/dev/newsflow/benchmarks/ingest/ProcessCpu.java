package dev.newsflow.benchmarks.ingest;

import java.time.Duration;

/** CPU time used so far by ingest-service (this JVM's child) and by this JVM. */
record ProcessCpu(Duration ingest, Duration own) {

    static ProcessCpu now() {
        Duration ingest = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains("ingest-service"))
                .map(child -> child.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new ProcessCpu(ingest, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }

    ProcessCpu minus(ProcessCpu earlier) {
        return new ProcessCpu(ingest.minus(earlier.ingest), own.minus(earlier.own));
    }

    String perArticle(int articles) {
        return String.format("%,d µs | %,d µs", ingest.toNanos() / 1_000 / articles, own.toNanos() / 1_000 / articles);
    }
}
