package dev.newsflow.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.newsflow.local.FreePorts;
import dev.newsflow.testsupport.ContainerBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real Kafka and MongoDB containers. The broker's host port is fixed so that it keeps its advertised address
 * across a container stop and start (the container keeps its data); MongoDB is made unreachable by pausing its
 * container.
 */
final class ContainerFaults implements FaultInfrastructure {

    private static final int KAFKA_CONTAINER_PORT = 9092;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final KafkaContainer kafka;
    private final MongoDBContainer mongo;

    ContainerFaults() {
        int kafkaPort = FreePorts.next();
        kafka = new KafkaContainer(ContainerBackend.KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", "6")
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(kafkaPort), new ExposedPort(KAFKA_CONTAINER_PORT))));
        mongo = new MongoDBContainer(ContainerBackend.MONGO_IMAGE);
        kafka.start();
        mongo.start();
    }

    @Override
    public String description() {
        return "Testcontainers (" + ContainerBackend.KAFKA_IMAGE + ", " + ContainerBackend.MONGO_IMAGE + ")";
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
    public void stopKafka() {
        docker.stopContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        docker.startContainerCmd(kafka.getContainerId()).exec();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Kafka container did not come back", ex);
        }
    }

    @Override
    public void stopMongo() {
        docker.pauseContainerCmd(mongo.getContainerId()).exec();
    }

    @Override
    public void startMongo() {
        docker.unpauseContainerCmd(mongo.getContainerId()).exec();
    }

    @Override
    public void ensureRunning() {
        if (Boolean.TRUE.equals(docker.inspectContainerCmd(mongo.getContainerId()).exec().getState().getPaused())) {
            startMongo();
        }
        if (!Boolean.TRUE.equals(docker.inspectContainerCmd(kafka.getContainerId()).exec().getState().getRunning())) {
            startKafka();
        }
    }

    @Override
    public void close() {
        kafka.stop();
        mongo.stop();
    }
}
