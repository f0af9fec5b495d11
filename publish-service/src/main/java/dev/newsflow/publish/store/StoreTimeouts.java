package dev.newsflow.publish.store;

import java.util.concurrent.TimeUnit;

import dev.newsflow.publish.PublishProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code store-timeout} as the drivers' limits for finding a server and connecting, so that with MongoDB away a read
 * fails within it and is answered 503 instead of after the driver's default 30 s. How long the server may work on a
 * query is each query's {@code maxTimeMS}. Applies to both clients: the reactive one of the queries and streams, the
 * synchronous one of the event-log writer.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeout(PublishProperties properties) {
        int millis = (int) properties.storeTimeout().toMillis();
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS));
    }
}
