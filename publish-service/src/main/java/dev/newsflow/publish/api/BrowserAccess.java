package dev.newsflow.publish.api;

import java.time.Duration;
import java.util.List;

import dev.newsflow.keys.ApiKeys;
import dev.newsflow.publish.PublishProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;

/**
 * What browsers may do: pages of other origins may read articles and streams (CORS, {@code read-origins}, any by
 * default) and send category corrections only from the {@code correction-origins}; every answer carries a
 * Content-Security-Policy that lets the live page run its own script and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class BrowserAccess {

    /**
     * Scripts, styles and connections only from this service; no inline script, no plugins, frames, forms or base
     * URL; and DOM sinks that would parse text as HTML refuse strings (Trusted Types), so that an article's text can
     * only ever be text.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "require-trusted-types-for 'script'";
    private static final Duration PREFLIGHT_CACHE = Duration.ofHours(1);

    // Before Spring Security's chain (the corrections' key check), so that its answers carry CORS headers too and a
    // page of an origin not allowed never gets as far as the key check.
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CorsWebFilter corsFilter(PublishProperties properties) {
        CorsConfiguration corrections = new CorsConfiguration();
        corrections.setAllowedOrigins(properties.cors().correctionOrigins());
        corrections.setAllowedMethods(List.of(HttpMethod.PUT.name()));
        corrections.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, ApiKeys.API_KEY_HEADER, HttpHeaders.CONTENT_TYPE));
        corrections.setExposedHeaders(List.of(HttpHeaders.LOCATION));
        corrections.setMaxAge(PREFLIGHT_CACHE);
        CorsConfiguration reads = new CorsConfiguration();
        reads.setAllowedOrigins(properties.cors().readOrigins());
        reads.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name()));
        // Any request header (Last-Event-ID for a resuming EventSource, Accept): reads carry no credentials.
        reads.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        reads.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        reads.setMaxAge(PREFLIGHT_CACHE);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // The first pattern that matches applies: corrections before the rest of the API.
        source.registerCorsConfiguration("/api/articles/*/categories", corrections);
        source.registerCorsConfiguration("/api/**", reads);
        return new CorsWebFilter(source);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter securityHeaders() {
        return (exchange, chain) -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            return chain.filter(exchange);
        };
    }
}
