package dev.newsflow.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiKeyAuthenticationTest {

    private static final String WIRE_KEY = "wire-service-key-0123456789abcdef";
    private final ApiKeys keys = ApiKeys.parse(List.of("wire=" + ApiKeys.sha256(WIRE_KEY), "daily=" + ApiKeys.sha256("daily-key-0123456789")));

    @Test
    void aKnownKeyAuthenticatesItsPublisher() {
        Authentication presented = ApiKeyAuthentication.presentedKey(exchange("Authorization", "Bearer " + WIRE_KEY)).orElseThrow();

        StepVerifier.create(ApiKeyAuthentication.manager(keys).authenticate(presented))
                .assertNext(authenticated -> {
                    assertThat(authenticated.isAuthenticated()).isTrue();
                    assertThat(authenticated.getName()).isEqualTo("wire");
                    assertThat(authenticated.getCredentials()).as("the key is not kept").isNull();
                    assertThat(authenticated.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PUBLISHER");
                })
                .verifyComplete();
    }

    @Test
    void theKeyComesAsBearerTokenOrApiKeyHeader() {
        assertThat(ApiKeyAuthentication.presentedKey(exchange("Authorization", "bearer  " + WIRE_KEY + " ")))
                .hasValueSatisfying(presented -> assertThat(presented.getCredentials()).isEqualTo(WIRE_KEY));
        assertThat(ApiKeyAuthentication.presentedKey(exchange("X-Api-Key", WIRE_KEY)))
                .hasValueSatisfying(presented -> assertThat(presented.getCredentials()).isEqualTo(WIRE_KEY));
        assertThat(ApiKeyAuthentication.presentedKey(exchange("Authorization", "Basic d2lyZTprZXk="))).isEmpty();
        assertThat(ApiKeyAuthentication.presentedKey(exchange("X-Other", WIRE_KEY))).isEmpty();
    }

    @Test
    void anUnknownKeyIsBadCredentials() {
        Authentication presented = ApiKeyAuthentication.presentedKey(exchange("X-Api-Key", "guessed")).orElseThrow();

        StepVerifier.create(ApiKeyAuthentication.manager(keys).authenticate(presented))
                .expectError(BadCredentialsException.class)
                .verify();
    }

    @Test
    void theEntryPointAnswers401AsProblemDetails() {
        MockServerWebExchange exchange = exchange("X-Api-Key", "guessed");

        new ApiKeyEntryPoint(JsonMapper.builder().build()).commence(exchange, new BadCredentialsException("Unknown API key")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer realm=\"newsflow\"");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JsonMapper.builder().build().readTree(exchange.getResponse().getBodyAsString()
                .block().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).isEqualTo(ApiKeyEntryPoint.UNAUTHORIZED_TYPE);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/articles");
        assertThat(problem.get("detail").asString()).doesNotContain("guessed");
    }

    private static MockServerWebExchange exchange(String header, String value) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/articles").header(header, value));
    }
}
