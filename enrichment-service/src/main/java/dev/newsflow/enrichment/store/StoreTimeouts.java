package dev.newsflow.enrichment.store;

import java.util.concurrent.TimeUnit;

import dev.newsflow.enrichment.EnrichmentProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code store-timeout} as the driver's own limits: finding a server, connecting, and waiting for each answer (one
 * batch of a cursor). A call that passes one fails, and the record is retried until MongoDB is back.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeout(EnrichmentProperties properties) {
        long millis = properties.storeTimeout().toMillis();
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS)
                        .readTimeout((int) millis, TimeUnit.MILLISECONDS));
    }
}
