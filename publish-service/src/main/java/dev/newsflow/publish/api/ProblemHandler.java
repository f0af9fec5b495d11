package dev.newsflow.publish.api;

import java.net.URI;

import dev.newsflow.publish.store.ArticleWithdrawnException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** Maps publish-service errors to RFC 9457 problem details, once. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final URI ARTICLE_NOT_FOUND = URI.create("https://newsflow.dev/problems/article-not-found");
    static final URI ARTICLE_WITHDRAWN = URI.create("https://newsflow.dev/problems/article-withdrawn");
    static final URI INVALID_PARAMETER = URI.create("https://newsflow.dev/problems/invalid-parameter");
    static final URI FORBIDDEN = URI.create("https://newsflow.dev/problems/forbidden");
    static final URI UNAVAILABLE = URI.create("https://newsflow.dev/problems/unavailable");
    static final URI POSITION_EXPIRED = URI.create("https://newsflow.dev/problems/position-expired");

    @ExceptionHandler
    ProblemDetail notFound(ArticleNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(ARTICLE_NOT_FOUND);
        problem.setTitle("Article not found");
        problem.setProperty("id", ex.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail withdrawn(ArticleWithdrawnException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
        problem.setType(ARTICLE_WITHDRAWN);
        problem.setTitle("Article withdrawn");
        problem.setProperty("id", ex.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail forbidden(CategoryCorrectionController.ForbiddenException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setType(FORBIDDEN);
        problem.setTitle("Not your article");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notSent(CategoryCorrectionController.CorrectionNotSentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setType(UNAVAILABLE);
        problem.setTitle("Broker unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    // The driver gave up finding a server or MongoDB stopped the query at its maxTimeMS: answered within store-timeout.
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoExecutionTimeoutException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The article store did not answer in time; retry shortly.");
        problem.setType(UNAVAILABLE);
        problem.setTitle("Store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    // problem+json even to a client that asked only for the event stream: the stream never started.
    @ExceptionHandler
    ResponseEntity<ProblemDetail> positionExpired(PositionExpiredException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
        problem.setType(POSITION_EXPIRED);
        problem.setTitle("Stream position no longer kept");
        problem.setProperty("since", ex.since());
        return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }
}
