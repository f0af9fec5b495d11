package dev.newsflow.ingest.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.publishing.PublishFailedException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DatabindException;

/** Maps every ingest error to RFC 9457 problem details, once. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final URI INVALID_ARTICLE = URI.create("https://newsflow.dev/problems/invalid-article");
    static final URI MALFORMED_REQUEST = URI.create("https://newsflow.dev/problems/malformed-request");
    static final URI BROKER_UNAVAILABLE = URI.create("https://newsflow.dev/problems/broker-unavailable");
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    static final URI UNREADABLE_PAGE = URI.create("https://newsflow.dev/problems/unreadable-page");

    private final DataSize maxRequestSize;
    private final DataSize maxPageSize;

    ProblemHandler(IngestProperties properties, PageProperties pages) {
        this.maxRequestSize = properties.maxRequestSize();
        this.maxPageSize = pages.maxSize();
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, ServerWebExchange exchange) {
        if (cause(ex, DataBufferLimitException.class) != null) {
            return Mono.just(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestSizeLimit.tooLarge(maxRequestSize, "request")));
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(MALFORMED_REQUEST);
        problem.setTitle("Malformed request body");
        DatabindException mapping = cause(ex, DatabindException.class);
        String field = mapping == null ? null : fieldOf(mapping);
        if (field != null) {
            problem.setDetail("Field " + field + " has the wrong type or format: " + mapping.getOriginalMessage());
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or format")));
        }
        else {
            Throwable decoding = cause(ex, DecodingException.class);
            // WebFlux's "No request body" carries a decoding cause naming the handler method: keep that inside.
            problem.setDetail(decoding == null || "No request body".equals(ex.getReason())
                    ? "The request needs a JSON article as its body"
                    : "The body is not valid JSON: " + rootMessage(decoding));
        }
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidSubmission(InvalidSubmissionException ex) {
        return ResponseEntity.badRequest().body(invalidArticle(ex));
    }

    static ProblemDetail invalidArticle(InvalidSubmissionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid article: " + ex.getMessage());
        problem.setType(INVALID_ARTICLE);
        problem.setTitle("Invalid article");
        problem.setProperty("errors", ex.errors());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadablePage(UnreadablePageException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setType(UNREADABLE_PAGE);
        problem.setTitle("Unreadable page");
        return ResponseEntity.status(ex.status()).body(problem);
    }

    /** A page streamed without a Content-Length, cut off at the page limit while it was read. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> pageTooLarge(DataBufferLimitException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestSizeLimit.tooLarge(maxPageSize, "page"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> brokerUnavailable(PublishFailedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The article was not accepted because Kafka did not acknowledge it; retry later.");
        problem.setType(BROKER_UNAVAILABLE);
        problem.setTitle("Broker unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
                .body(problem);
    }

    static String fieldOf(DatabindException ex) {
        List<String> names = ex.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .toList();
        return names.isEmpty() ? null : String.join(".", names).replace(".[", "[");
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
