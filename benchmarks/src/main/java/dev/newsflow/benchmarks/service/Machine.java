package dev.newsflow.benchmarks.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, printed beside its figures: machines of one kind differ by up to a factor of two
 * here (the same clean-clone build took 217 s on one and 385–442 s on another), so figures are compared only
 * within a machine, and a run counts only if the load average says the machine was quiet.
 */
public final class Machine {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private Machine() {
    }

    /** Cores, processor model, Java runtime and operating system, on one line. */
    public static String description() {
        return String.format(Locale.ROOT, "%d cores, %s, Java %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), processorModel(CPU_INFO).orElse(System.getProperty("os.arch")),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    /** The one-minute load average as {@code uptime} shows it, or "n/a" where the system does not tell. */
    public static String loadAverage() {
        return formatLoad(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static String formatLoad(double load) {
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The first {@code model name} of a Linux {@code /proc/cpuinfo}; empty where there is none. */
    static Optional<String> processorModel(Path cpuInfo) {
        if (!Files.isReadable(cpuInfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuInfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .filter(model -> !model.isEmpty())
                    .findFirst();
        }
        catch (IOException | UncheckedIOException ex) {
            return Optional.empty();
        }
    }
}
