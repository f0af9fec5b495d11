package dev.newsflow.ingest.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.api.ProblemWriter;
import dev.newsflow.keys.ApiKeys;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Submissions need a publisher's API key, as {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}:
 * without a valid one the answer is {@code 401}. Each publisher has a token bucket of requests
 * ({@code newsflow.ingest.rate-limit}); an empty bucket answers {@code 429} with {@code Retry-After}. The
 * publisher the key belongs to is what the article is stamped with ({@link #PUBLISHER}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class PublisherAuthentication implements WebFilter {

    /** Exchange attribute holding the authenticated publisher's name. */
    public static final String PUBLISHER = "dev.newsflow.ingest.publisher";

    static final URI UNAUTHORIZED = URI.create("https://newsflow.dev/problems/unauthorized");
    static final URI RATE_LIMITED = URI.create("https://newsflow.dev/problems/rate-limited");
    private static final Logger log = LoggerFactory.getLogger(PublisherAuthentication.class);

    private final ApiKeys keys;
    private final IngestProperties.RateLimit rateLimit;
    private final ProblemWriter problems;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublisherAuthentication(IngestProperties properties, ProblemWriter problems) {
        this.keys = ApiKeys.parse(properties.apiKeys());
        this.rateLimit = properties.rateLimit();
        this.problems = problems;
        if (keys.isEmpty()) {
            log.warn("No publisher API keys are configured (INGEST_API_KEYS): every submission will be refused with 401");
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Optional<String> publisher = keys.publisherOf(headers.getFirst(HttpHeaders.AUTHORIZATION),
                headers.getFirst(ApiKeys.API_KEY_HEADER));
        if (publisher.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "Send your publisher API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            problem.setType(UNAUTHORIZED);
            problem.setTitle("Missing or unknown API key");
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsflow\"");
            return problems.write(exchange, problem);
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(publisher.get(), name -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            // Whole seconds, rounded up: a client that waits that long finds a token.
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "More than " + rateLimit.requestsPerSecond() + " requests per second (bursts of " + rateLimit.burst()
                            + ") for publisher " + publisher.get() + "; retry after " + seconds + " s.");
            problem.setType(RATE_LIMITED);
            problem.setTitle("Rate limit exceeded");
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return problems.write(exchange, problem);
        }
        exchange.getAttributes().put(PUBLISHER, publisher.get());
        return chain.filter(exchange);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rateLimit.burst())
                        .refillGreedy(rateLimit.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
