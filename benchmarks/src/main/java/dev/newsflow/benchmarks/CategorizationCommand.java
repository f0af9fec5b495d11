package dev.newsflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@link CategorizationBenchmark} through JMH. */
@Command(name = "categorization",
        description = {"JMH: time to categorize one article (median and tail).",
                "Every argument is a JMH option, e.g. -p samples=DIR -wi 5 -i 10 -f 2; -h lists JMH's options."})
final class CategorizationCommand implements Callable<Integer> {

    @Unmatched
    private List<String> jmhArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return JmhRun.run(CategorizationBenchmark.class, jmhArguments);
    }
}
