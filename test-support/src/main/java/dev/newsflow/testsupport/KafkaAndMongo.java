package dev.newsflow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Points a Spring test context at the shared Kafka broker and MongoDB endpoint of {@link TestInfrastructure}:
 * put it beside {@code @SpringBootTest}. Each test class gets its own database, so classes never see each
 * other's documents.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface KafkaAndMongo {
}
