package dev.newsflow.ingest.security;

import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.api.ProblemWriter;
import dev.newsflow.keys.ApiKeyAuthentication;
import dev.newsflow.keys.ApiKeyEntryPoint;
import dev.newsflow.keys.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submissions ({@code POST /api/**}) need a publisher's API key, as {@code Authorization: Bearer <key>} or
 * {@code X-Api-Key: <key>}, checked by Spring Security against the configured keys ({@code INGEST_API_KEYS}, {@code NEWSFLOW_API_KEY}); without
 * a valid one the answer is a {@code 401} problem. Each publisher then has its request rate
 * ({@link PublisherRateLimit}). The publisher the key belongs to is what the article is stamped with
 * ({@link #PUBLISHER}). Everything else (the OpenAPI description, actuator) is open, as before; the API is stateless:
 * no session, no CSRF token, no login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class PublisherAuthentication {

    /** Exchange attribute holding the authenticated publisher's name. */
    public static final String PUBLISHER = "dev.newsflow.ingest.publisher";

    private static final Logger log = LoggerFactory.getLogger(PublisherAuthentication.class);
    private static final ServerWebExchangeMatcher SUBMISSIONS = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/**");

    static final String NO_KEYS = "No publisher API key is configured, so every submission will be refused with 401: "
            + "set NEWSFLOW_API_KEY (one long random key, for publisher newsroom) or INGEST_API_KEYS "
            + "(publisher=<SHA-256 hex of its key>, comma-separated)";

    /** The hashed entries ({@code INGEST_API_KEYS}) and the plain newsroom key ({@code NEWSFLOW_API_KEY}). */
    @Bean
    ApiKeys publisherApiKeys(IngestProperties properties) {
        ApiKeys keys = ApiKeys.parse(properties.apiKeys(), properties.newsroomApiKey());
        if (keys.isEmpty()) {
            log.warn(NO_KEYS);
        }
        return keys;
    }

    // A bean, so that Boot does not also configure a user store with a generated password.
    @Bean
    ReactiveAuthenticationManager publisherKeyAuthentication(ApiKeys keys) {
        return ApiKeyAuthentication.manager(keys);
    }

    @Bean
    SecurityWebFilterChain publisherSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager publisherKeyAuthentication,
            IngestProperties properties, ProblemWriter problems, JsonMapper json) {
        return ApiKeyAuthentication.requireKey(http, SUBMISSIONS, publisherKeyAuthentication, new ApiKeyEntryPoint(json))
                .addFilterAfter(new PublisherRateLimit(properties.rateLimit(), problems), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }
}
