package dev.newsflow.localstack;

import java.nio.file.Path;

import dev.newsflow.testsupport.TestInfrastructure;

/**
 * A Kafka broker and a MongoDB endpoint that a test can take away and bring back while the services run, so that
 * fault tests can check what the services do meanwhile and afterwards.
 */
interface FaultInfrastructure extends AutoCloseable {

    /** Real containers where Docker answers (see {@link TestInfrastructure}), else in-process stand-ins. */
    static FaultInfrastructure start(Path data) {
        return TestInfrastructure.useContainers() ? new ContainerFaults() : new LocalFaults(data);
    }

    String description();

    String kafkaBootstrapServers();

    String mongoUri();

    /** Stops the broker; producers and consumers lose it until {@link #startKafka()}. */
    void stopKafka();

    /** Starts the broker again with its data (topics, records, committed offsets) and waits until it answers. */
    void startKafka();

    /** Makes MongoDB unreachable until {@link #startMongo()}, keeping its data. */
    void stopMongo();

    void startMongo();

    /** Brings back whatever a failed test left stopped, so that the next test starts from a whole system. */
    void ensureRunning();

    @Override
    void close();
}
