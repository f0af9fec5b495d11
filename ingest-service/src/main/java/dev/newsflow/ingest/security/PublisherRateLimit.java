package dev.newsflow.ingest.security;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.api.ProblemWriter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket of requests per authenticated publisher ({@code newsflow.ingest.rate-limit}); an empty bucket
 * answers {@code 429} with {@code Retry-After}. Runs in the security filter chain, after authorization, and hands
 * the publisher on to the controllers ({@link PublisherAuthentication#PUBLISHER}).
 */
final class PublisherRateLimit implements WebFilter {

    static final URI RATE_LIMITED = URI.create("https://newsflow.dev/problems/rate-limited");

    private final IngestProperties.RateLimit rateLimit;
    private final ProblemWriter problems;
    // One bucket per publisher that has submitted lately; one idle for an hour has a full bucket again anyway.
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).build();

    PublisherRateLimit(IngestProperties.RateLimit rateLimit, ProblemWriter problems) {
        this.rateLimit = rateLimit;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Mono<Void> completes empty: an Optional, not switchIfEmpty, tells "no publisher" from "request done".
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(authentication -> Optional.of(authentication.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(publisher -> publisher.isPresent() ? admit(exchange, chain, publisher.get()) : chain.filter(exchange));
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, String publisher) {
        ConsumptionProbe probe = buckets.get(publisher, name -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            // Whole seconds, rounded up: a client that waits that long finds a token.
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "More than " + rateLimit.requestsPerSecond() + " requests per second (bursts of " + rateLimit.burst()
                            + ") for publisher " + publisher + "; retry after " + seconds + " s.");
            problem.setType(RATE_LIMITED);
            problem.setTitle("Rate limit exceeded");
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return problems.write(exchange, problem);
        }
        exchange.getAttributes().put(PublisherAuthentication.PUBLISHER, publisher);
        return chain.filter(exchange);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rateLimit.burst())
                        .refillGreedy(rateLimit.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
