package dev.newsflow.testsupport;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Apache Kafka broker in this JVM (KRaft, one node) and mongo-java-server's in-memory backend. */
final class EmbeddedBackend implements TestInfrastructure.Backend {

    private static final int DEFAULT_PARTITIONS = 6;

    private final EmbeddedKafkaKraftBroker kafka;
    private final MongoServer mongo;
    private final String mongoUri;

    EmbeddedBackend() {
        kafka = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new HelloAnsweringMemoryBackend());
        InetSocketAddress address = mongo.bind();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String description() {
        return "an in-process Apache Kafka broker (KRaft) and mongo-java-server";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String mongoUri() {
        return mongoUri;
    }

    @Override
    public void close() {
        mongo.shutdownNow();
        kafka.destroy();
    }
}
