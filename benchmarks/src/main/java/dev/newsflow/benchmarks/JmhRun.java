package dev.newsflow.benchmarks;

import java.io.IOException;
import java.util.List;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the JMH benchmarks of one class with JMH's own command-line options: a JMH sub-command's whole work. */
public final class JmhRun {

    private JmhRun() {
    }

    /** Exit code: 0 when the benchmarks ran (or JMH's help was asked for), 1 when nothing matched. */
    public static int run(Class<?> benchmark, List<String> arguments) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions options = new CommandLineOptions(arguments.toArray(String[]::new));
        if (options.shouldHelp()) {
            options.showHelp();
            return 0;
        }
        if (options.shouldList()) {
            new Runner(options).list();
            return 0;
        }
        // Only this class's methods, whatever else the jar holds.
        boolean ran = !new Runner(new OptionsBuilder().parent(options).include(benchmark.getName() + "\\.").build()).run().isEmpty();
        return ran ? 0 : 1;
    }
}
