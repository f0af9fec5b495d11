package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.newsflow.local.FreePorts;
import dev.newsflow.local.ServiceProcess;
import dev.newsflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newsroom's path through docker compose, short of building images (no Docker engine is needed): each
 * service runs from its jar with exactly the environment {@code docker-compose config} gives its container when
 * the user sets only {@code NEWSFLOW_API_KEY}. Only the broker's and MongoDB's addresses point at the test's, and
 * the ports are free ones. {@link ComposeStackTest} runs the real containers where Docker is.
 */
class ComposeEnvironmentTest {

    private static final String USER_KEY = "newcomer-" + NewsflowClient.uniqueId("key");
    private static final List<String> SERVICES = List.of("ingest-service", "enrichment-service", "publish-service");

    private static final List<ServiceProcess> running = new ArrayList<>();
    private static final Map<String, Integer> managementPorts = new HashMap<>();
    private static LaunchOptions.Ports ports;
    private static NewsflowClient client;

    @BeforeAll
    static void startTheServicesAsComposeConfiguresThem() {
        Assumptions.assumeTrue(ComposeConfig.available(), "docker-compose is not installed (apt-get install docker-compose; .ci/run does)");
        ComposeConfig compose = ComposeConfig.resolve(Map.of("NEWSFLOW_API_KEY", USER_KEY));
        ports = new LaunchOptions.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next());
        List<Integer> servicePorts = List.of(ports.ingest(), ports.enrichment(), ports.publish());
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            Map<String, String> environment = new HashMap<>(compose.environment(service));
            environment.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
            environment.put("MONGODB_URI", TestInfrastructure.mongoUri());
            int managementPort = FreePorts.next();
            assertThat(environment).as(service).containsKey("MANAGEMENT_SERVER_PORT");
            environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
            managementPorts.put(service, managementPort);
            running.add(ServiceProcess.start(service, ServiceProcess.jar(LaunchOptions.defaults().servicesDirectory(), service),
                    servicePorts.get(i), NewsflowClient.SERVICE_JVM_OPTIONS, environment,
                    List.of(), NewsflowClient.logFiles("compose-env").apply(service)));
        }
        SERVICES.forEach(service -> await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .ignoreException(UncheckedIOException.class).until(() -> NewsflowClient.get(managementPorts.get(service), "/actuator/health/readiness").statusCode() == 200));
        client = new NewsflowClient(ports, USER_KEY);
    }

    @AfterAll
    static void stopServices() {
        running.forEach(ServiceProcess::close);
    }

    @Test
    void theUsersKeySubmitsAnArticleThatIsStreamedAndLetsAnEditorCorrectIt() {
        try (NewsflowClient.StreamSubscription stream = client.stream()) {
            client.awaitLive(stream);

            HttpResponse<String> submitted = client.submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("compose")));

            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String id = NewsflowClient.JSON.readTree(submitted.body()).get("id").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.article(id) != null);
            assertThat(stream.article(id).get("publisher").asString()).isEqualTo("newsroom");
            HttpResponse<String> corrected = client.correctCategories(id, List.of("Football"));
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
        }
    }

    @Test
    void anyOtherKeyIsRefused() {
        HttpResponse<String> answer = new NewsflowClient(ports, USER_KEY + "-not")
                .submit(NewsflowClient.sportsArticle(NewsflowClient.uniqueId("compose")));

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void actuatorAnswersOnlyOnTheManagementPort() {
        assertThat(NewsflowClient.get(ports.ingest(), "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(NewsflowClient.get(ports.publish(), "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(NewsflowClient.get(managementPorts.get("publish-service"), "/actuator/prometheus").body())
                .contains("application=\"publish-service\"");
    }
}
