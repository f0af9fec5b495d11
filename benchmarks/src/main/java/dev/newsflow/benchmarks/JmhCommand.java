package dev.newsflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.openjdk.jmh.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Any of the jar's JMH benchmarks, with JMH's own command line: {@code jmh IptcCategorization -f 1}. */
@Command(name = "jmh",
        description = {"JMH: the jar's JMH benchmarks matching a pattern (all without one).",
                "Every argument is a JMH option, e.g. IptcCategorization -p embeddings=false -f 1; -l lists them, -h JMH's help."})
final class JmhCommand implements Callable<Integer> {

    @Unmatched
    private List<String> jmhArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Main.main(jmhArguments.toArray(String[]::new));
        return 0;
    }
}
