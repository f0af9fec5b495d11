package dev.newsflow.benchmarks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {

    @TempDir
    Path directory;

    @Test
    void theProcessorModelIsTheFirstModelNameOfCpuInfo() throws IOException {
        Path cpuInfo = Files.writeString(directory.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 7B13
                processor\t: 1
                model name\t: AMD EPYC 7B13
                """);

        assertThat(Machine.processorModel(cpuInfo)).contains("AMD EPYC 7B13");
    }

    @Test
    void withoutCpuInfoTheDescriptionStillNamesCoresAndJava() {
        assertThat(Machine.processorModel(directory.resolve("missing"))).isEmpty();
        assertThat(Machine.description()).startsWith(Runtime.getRuntime().availableProcessors() + " cores, ")
                .contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void aLoadAverageTheSystemDoesNotTellIsShownAsNotAvailable() {
        assertThat(Machine.formatLoad(-1)).isEqualTo("n/a");
        assertThat(Machine.formatLoad(1.234)).isEqualTo("1.23");
    }
}
