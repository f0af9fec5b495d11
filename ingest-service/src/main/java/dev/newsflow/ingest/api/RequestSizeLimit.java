package dev.newsflow.ingest.api;

import java.net.URI;

import dev.newsflow.ingest.IngestProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared {@code Content-Length} is over {@code newsflow.ingest.max-request-size} (a whole
 * page, {@code text/html} or {@code text/plain}: over {@code newsflow.ingest.pages.max-size}) with {@code 413} before
 * reading it. A JSON body without a declared length is cut off at the same size while it is decoded
 * ({@code spring.http.codecs.max-in-memory-size}, see {@link ProblemHandler}); in an NDJSON batch that limit applies
 * to each line, and the batch is bounded by its line count; a page is cut off at its own limit. A
 * {@code Content-Type} that cannot be parsed (a charset this JVM lacks) is refused here with 415.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit implements WebFilter {

    static final URI TOO_LARGE = URI.create("https://newsflow.dev/problems/request-too-large");

    private final DataSize limit;
    private final DataSize pageLimit;
    private final ProblemWriter problems;

    RequestSizeLimit(IngestProperties properties, PageProperties pages, ProblemWriter problems) {
        this.limit = properties.maxRequestSize();
        this.pageLimit = pages.maxSize();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        MediaType type;
        try {
            type = exchange.getRequest().getHeaders().getContentType();
        }
        catch (InvalidMediaTypeException ex) {
            // Such as a charset this JVM does not know: nothing after this filter could read the body either.
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type is not one this service can read: " + ex.getMessage());
            problem.setTitle("Unsupported Media Type");
            return problems.write(exchange, problem);
        }
        boolean page = type != null && (MediaType.TEXT_HTML.isCompatibleWith(type) || MediaType.TEXT_PLAIN.isCompatibleWith(type));
        if (page && length > pageLimit.toBytes()) {
            return problems.write(exchange, tooLarge(pageLimit, "page"));
        }
        if (length > limit.toBytes()) {
            return problems.write(exchange, tooLarge(limit, "request"));
        }
        return chain.filter(exchange);
    }

    static ProblemDetail tooLarge(DataSize limit, String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "A " + what + " may carry at most "
                + limit.toMegabytes() + " MB" + ("request".equals(what) ? "; split the batch." : "."));
        problem.setType(TOO_LARGE);
        problem.setTitle("Request too large");
        return problem;
    }
}
