package dev.newsflow.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** Real Kafka and MongoDB in Docker containers, the same images docker-compose.yml deploys. */
public final class ContainerBackend implements TestInfrastructure.Backend {

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private final KafkaContainer kafka;
    private final MongoDBContainer mongo;

    ContainerBackend() {
        kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_NUM_PARTITIONS", "6");
        mongo = new MongoDBContainer(MONGO_IMAGE);
        kafka.start();
        mongo.start();
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public String description() {
        return "Testcontainers (" + KAFKA_IMAGE + ", " + MONGO_IMAGE + ")";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String mongoUri() {
        return mongo.getConnectionString();
    }

    @Override
    public void close() {
        kafka.stop();
        mongo.stop();
    }
}
