package dev.newsflow.ingest.api;

import java.net.URI;

import dev.newsflow.ingest.IngestProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared {@code Content-Length} is over {@code newsflow.ingest.max-request-size} with
 * {@code 413} before reading it. A JSON body without a declared length is cut off at the same size while it is
 * decoded ({@code spring.http.codecs.max-in-memory-size}, see {@link ProblemHandler}); in an NDJSON batch that
 * limit applies to each line, and the batch is bounded by its line count.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit implements WebFilter {

    static final URI TOO_LARGE = URI.create("https://newsflow.dev/problems/request-too-large");

    private final DataSize limit;
    private final ProblemWriter problems;

    RequestSizeLimit(IngestProperties properties, ProblemWriter problems) {
        this.limit = properties.maxRequestSize();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > limit.toBytes()) {
            return problems.write(exchange, tooLarge(limit));
        }
        return chain.filter(exchange);
    }

    static ProblemDetail tooLarge(DataSize limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "A request may carry at most " + limit.toMegabytes() + " MB; split the batch.");
        problem.setType(TOO_LARGE);
        problem.setTitle("Request too large");
        return problem;
    }
}
