package dev.newsflow.publish.api;

import java.net.URI;

import dev.newsflow.publish.store.ArticleWithdrawnException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }
}
