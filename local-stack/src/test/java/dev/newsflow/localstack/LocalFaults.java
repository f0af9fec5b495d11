package dev.newsflow.localstack;

import java.nio.file.Path;

import dev.newsflow.local.FreePorts;
import dev.newsflow.local.LocalKafkaBroker;
import dev.newsflow.local.LocalMongo;

/**
 * The launcher's own broker and database: a real single-node KRaft broker in this JVM and mongo-java-server on
 * its H2 file store, both on fixed ports with their data on disk, so that stopping and starting them is a real
 * restart that keeps topics, offsets and documents.
 */
final class LocalFaults implements FaultInfrastructure {

    private final Path data;
    private final int kafkaPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final int mongoPort = FreePorts.next();
    private LocalKafkaBroker kafka;
    private LocalMongo mongo;

    LocalFaults(Path data) {
        this.data = data;
        startKafka();
        startMongo();
    }

    @Override
    public String description() {
        return "in-process KRaft broker and mongo-java-server (H2 file store)";
    }

    @Override
    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    @Override
    public String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    @Override
    public synchronized void stopKafka() {
        kafka.close();
        kafka = null;
    }

    @Override
    public synchronized void startKafka() {
        kafka = LocalKafkaBroker.start(data.resolve("kafka"), kafkaPort, controllerPort, 6);
    }

    @Override
    public synchronized void stopMongo() {
        mongo.close();
        mongo = null;
    }

    @Override
    public synchronized void startMongo() {
        mongo = LocalMongo.start(data.resolve("mongo"), mongoPort);
    }

    @Override
    public synchronized void ensureRunning() {
        if (kafka == null) {
            startKafka();
        }
        if (mongo == null) {
            startMongo();
        }
    }

    @Override
    public synchronized void close() {
        if (mongo != null) {
            stopMongo();
        }
        if (kafka != null) {
            stopKafka();
        }
    }
}
