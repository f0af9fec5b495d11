package dev.newsflow.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import dev.newsflow.ingest.IngestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PublisherRateLimitTest {

    private final PublisherRateLimit rateLimit = new PublisherRateLimit(new IngestProperties.RateLimit(10, 10), null);

    @Test
    void aRequestWithinTheLimitReachesTheControllerOnceWithItsPublisher() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/articles"));
        AtomicInteger calls = new AtomicInteger();
        WebFilterChain controller = served -> Mono.fromRunnable(calls::incrementAndGet);
        TestingAuthenticationToken wire = new TestingAuthenticationToken("wire", null, "ROLE_PUBLISHER");

        StepVerifier.create(rateLimit.filter(exchange, controller)
                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(wire)))
                .verifyComplete();

        assertThat(calls).hasValue(1);
        assertThat((String) exchange.getAttribute(PublisherAuthentication.PUBLISHER)).isEqualTo("wire");
    }
}
