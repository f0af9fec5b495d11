package dev.newsflow.ingest.publishing;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer ingest writes articles with: {@code spring.kafka.*} settings plus what the promise to publishers
 * needs. acks=all and idempotence, so that an acknowledged article is on every in-sync replica exactly once; and
 * bounded waits, so that an unreachable broker is answered with 503 within about 5 s. The template neither observes
 * nor times each send: {@link ArticlePublisher} writes the request's trace headers itself and counts outcomes
 * ({@code newsflow.articles.ingested}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishing {

    @Bean
    KafkaTemplate<String, byte[]> articleKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
        template.setObservationEnabled(false);
        template.setMicrometerEnabled(false);
        return template;
    }
}
