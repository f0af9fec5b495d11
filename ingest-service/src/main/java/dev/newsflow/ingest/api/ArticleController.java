package dev.newsflow.ingest.api;

import java.time.Clock;
import java.time.Instant;

import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.publishing.ArticlePublisher;
import dev.newsflow.ingest.security.PublisherAuthentication;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/articles")
class ArticleController {

    private static final Logger log = LoggerFactory.getLogger(ArticleController.class);

    private final ArticlePublisher publisher;
    private final IngestProperties properties;
    private final Clock clock;

    ArticleController(ArticlePublisher publisher, IngestProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Accepts an article; answers 202 only once Kafka acknowledged it. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> submit(@Valid @RequestBody ArticleSubmission submission,
            @RequestAttribute(PublisherAuthentication.PUBLISHER) String publisherName) {
        ArticleSubmitted event = toEvent(submission, publisherName, ArticleIdentity.of(publisherName, submission),
                Instant.now(clock));
        return publisher.publish(event)
                .doOnSuccess(ignored -> log.info("Accepted article {} version {}", event.articleId(), event.version()))
                .thenReturn(ResponseEntity.accepted()
                        .location(properties.articleBaseUrl().resolve(event.articleId()))
                        .body(new Accepted(event.articleId(), event.version(), "accepted")));
    }

    private static ArticleSubmitted toEvent(ArticleSubmission submission, String publisherName, String id, Instant now) {
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, now.toEpochMilli(), publisherName,
                submission.externalId(), submission.url(), submission.title().strip(), submission.body().strip(),
                submission.author(), submission.source(),
                submission.publishedAt() == null ? null : submission.publishedAt().toInstant(), submission.language(),
                submission.categories(), now);
    }

    /** The answer to an accepted article. */
    record Accepted(String id, long version, String status) {
    }
}
