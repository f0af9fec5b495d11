package dev.newsflow.testsupport;

import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Adds the shared infrastructure's addresses to a test context, ahead of application.yml. */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("newsflow-test-infrastructure",
                properties("test-" + UUID.randomUUID().toString().substring(0, 8))));
    }

    /**
     * The Spring properties that point a service at the shared broker and at database {@code database}; and no quiet
     * period when the context disposes Reactor Netty's event loops (2 s by default, waited out by every stop of a web
     * context: a test JVM stops one context after another; the next context creates new loops).
     */
    public static Map<String, Object> properties(String database) {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        return Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "spring.cloud.stream.kafka.binder.brokers", kafka,
                "spring.mongodb.uri", TestInfrastructure.mongoUri(),
                "spring.mongodb.database", database,
                "spring.reactor.netty.shutdown-quiet-period", "0s");
    }
}
