package dev.newsflow.publish.security;

import dev.newsflow.keys.ApiKeyAuthentication;
import dev.newsflow.keys.ApiKeyEntryPoint;
import dev.newsflow.keys.ApiKeys;
import dev.newsflow.publish.PublishProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import tools.jackson.databind.json.JsonMapper;

/**
 * An editor's category correction ({@code PUT /api/articles/{id}/categories}) needs an API key of a publisher, checked
 * by Spring Security against the keys configured for this service (by default ingest's); without a valid one the
 * answer is a {@code 401} problem. Which articles the publisher may correct (its own) is the controller's check.
 * Reading articles and the streams needs no key.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class CorrectionAuthentication {

    private static final Logger log = LoggerFactory.getLogger(CorrectionAuthentication.class);
    private static final ServerWebExchangeMatcher CORRECTIONS =
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.PUT, "/api/articles/*/categories");

    @Bean
    ApiKeys editorApiKeys(PublishProperties properties) {
        ApiKeys keys = ApiKeys.parse(properties.apiKeys(), properties.newsroomApiKey());
        if (keys.isEmpty()) {
            log.warn("No API keys are configured (NEWSFLOW_API_KEY, PUBLISH_API_KEYS or INGEST_API_KEYS): category corrections will be refused with 401");
        }
        return keys;
    }

    // A bean, so that Boot does not also configure a user store with a generated password.
    @Bean
    ReactiveAuthenticationManager editorKeyAuthentication(ApiKeys editorApiKeys) {
        return ApiKeyAuthentication.manager(editorApiKeys);
    }

    @Bean
    SecurityWebFilterChain correctionSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager editorKeyAuthentication,
            JsonMapper json) {
        return ApiKeyAuthentication.requireKey(http, CORRECTIONS, editorKeyAuthentication, new ApiKeyEntryPoint(json)).build();
    }
}
