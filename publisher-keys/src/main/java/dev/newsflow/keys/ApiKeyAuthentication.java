package dev.newsflow.keys;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security (WebFlux) authentication of a publisher by its API key, for ingest-service and publish-service
 * alike: the key comes as {@code Authorization: Bearer <key>} (preferred) or {@value ApiKeys#API_KEY_HEADER}{@code :
 * <key>}, is checked against {@link ApiKeys} (hashed, constant-time) and, if known, the request is authenticated as
 * its publisher ({@link Authentication#getName()}). An unknown key goes to the entry point, as a missing one does once
 * authorization refuses the anonymous request: both are the same {@code 401}.
 */
public final class ApiKeyAuthentication {

    /** The authority every authenticated publisher has. */
    public static final String PUBLISHER_ROLE = "ROLE_PUBLISHER";

    private ApiKeyAuthentication() {
    }

    /** The authentication manager: an API key in, its publisher out, or {@link BadCredentialsException}. */
    public static ReactiveAuthenticationManager manager(ApiKeys keys) {
        return authentication -> Mono.justOrEmpty(keys.publisherOf((String) authentication.getCredentials()))
                .<Authentication>map(PublisherKey::authenticated)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown API key")));
    }

    /**
     * {@code http} set up so that every request {@code matching} (and no other) needs a known key, a missing or unknown
     * one answered by {@code entryPoint}. Stateless, as an API is: no session, CSRF token, login page or logout; the
     * response headers stay the web layer's. A service adds what is its own (e.g. a rate limit) and builds the chain.
     */
    public static ServerHttpSecurity requireKey(ServerHttpSecurity http, ServerWebExchangeMatcher matching,
            ReactiveAuthenticationManager manager, ServerAuthenticationEntryPoint entryPoint) {
        return http
                .securityMatcher(matching)
                .authorizeExchange(exchange -> exchange.anyExchange().authenticated())
                .addFilterAt(filter(manager, matching, entryPoint), SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable);
    }

    /**
     * The filter that authenticates requests {@code matching} (e.g. the API's writes) that present a key; answers an
     * unknown key through {@code entryPoint}.
     */
    static AuthenticationWebFilter filter(ReactiveAuthenticationManager manager, ServerWebExchangeMatcher matching,
            ServerAuthenticationEntryPoint entryPoint) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setRequiresAuthenticationMatcher(matching);
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(presentedKey(exchange)));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        return filter;
    }

    /** The key a request presents, if any, as an authentication request. */
    static Optional<Authentication> presentedKey(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return ApiKeys.presentedKey(headers.getFirst(HttpHeaders.AUTHORIZATION), headers.getFirst(ApiKeys.API_KEY_HEADER))
                .map(PublisherKey::presented);
    }

    /** A presented API key, and once it is known, the publisher it belongs to. */
    static final class PublisherKey extends AbstractAuthenticationToken {

        private final String publisher;
        private final String key;

        private PublisherKey(String publisher, String key, boolean authenticated) {
            super(authenticated ? AuthorityUtils.createAuthorityList(PUBLISHER_ROLE) : List.of());
            this.publisher = publisher;
            this.key = key;
            setAuthenticated(authenticated);
        }

        static PublisherKey presented(String key) {
            return new PublisherKey(null, key, false);
        }

        static PublisherKey authenticated(String publisher) {
            return new PublisherKey(publisher, null, true);
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        /** The publisher's name: what a controller gets as {@code @AuthenticationPrincipal String}. */
        @Override
        public Object getPrincipal() {
            return publisher;
        }
    }
}
