package dev.newsflow.publish.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.publish.store.ArticleQueries;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code PUT /api/articles/{id}/categories}: an editor of the article's publisher sets its categories. The
 * correction is published on the category-corrections topic ({@code 202} once the broker acknowledged it);
 * enrichment-service applies it to the stored article, trains the category model with it, and the corrected
 * article comes out on the streams.
 */
@RestController
class CategoryCorrectionController {

    // Thread-local context is not restored automatically in this service (see application.yml): here it is.
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    static final int MAX_CATEGORIES = 20;
    static final int MAX_LABEL_LENGTH = 200;
    static final String BINDING = "categoryCorrections-out-0";

    private final ArticleQueries queries;
    private final StreamBridge streams;
    private final String source;

    CategoryCorrectionController(ArticleQueries queries, StreamBridge streams, PublishProperties properties) {
        this.queries = queries;
        this.streams = streams;
        this.source = properties.source();
    }

    /** The body of a correction: the article's categories, publisher labels and/or IPTC codes ({@code medtop:…}). */
    record Correction(List<String> categories) {
    }

    /** The answer to an accepted correction. */
    record Accepted(String id, List<String> categories, String status) {
    }

    @PutMapping(path = "/api/articles/{id}/categories", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> correct(@PathVariable String id, @RequestBody Correction correction,
            @AuthenticationPrincipal String publisher) {
        List<String> categories = validated(correction);
        return queries.byId(id)
                .switchIfEmpty(Mono.error(() -> new ArticleNotFoundException(id)))
                .flatMap(article -> {
                    if (!publisher.equals(article.publisher())) {
                        return Mono.error(new ForbiddenException(publisher, id));
                    }
                    // The send runs within the request's observation, so the record carries the request's trace.
                    return Mono.deferContextual(context -> Mono.fromCallable(() -> {
                                try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                                    return send(new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, id, categories,
                                            publisher, Instant.now()));
                                }
                            }))
                            .subscribeOn(Schedulers.boundedElastic());
                })
                .map(sent -> ResponseEntity.accepted().location(URI.create("/api/articles/" + id))
                        .body(new Accepted(id, categories, "accepted")));
    }

    private boolean send(CategoriesCorrected correction) {
        try {
            if (!streams.send(BINDING, MessageBuilder.withPayload(correction)
                    .copyHeaders(EventHeaders.cloudEvent(EventType.CATEGORIES_CORRECTED, source, correction.articleId(),
                            correction.correctedAt()))
                    .setHeader(KafkaHeaders.KEY, correction.articleId())
                    .build())) {
                throw new CorrectionNotSentException(null);
            }
            return true;
        }
        catch (RuntimeException ex) {
            throw ex instanceof CorrectionNotSentException ? ex : new CorrectionNotSentException(ex);
        }
    }

    private static List<String> validated(Correction correction) {
        if (correction == null || correction.categories() == null) {
            throw new InvalidParameterException("categories", "categories is required: a list of labels or IPTC codes (may be empty)");
        }
        if (correction.categories().size() > MAX_CATEGORIES) {
            throw new InvalidParameterException("categories", "categories may hold at most " + MAX_CATEGORIES + " entries");
        }
        for (String category : correction.categories()) {
            if (category == null || category.isBlank() || category.length() > MAX_LABEL_LENGTH) {
                throw new InvalidParameterException("categories",
                        "each category must be a non-blank text of at most " + MAX_LABEL_LENGTH + " characters");
            }
        }
        return correction.categories().stream().map(String::strip).distinct().toList();
    }

    /** The key belongs to another publisher than the article's. */
    static final class ForbiddenException extends RuntimeException {
        ForbiddenException(String publisher, String id) {
            super("Publisher " + publisher + " may correct only its own articles; " + id + " is not one of them.");
        }
    }

    /** The broker did not acknowledge the correction. */
    static final class CorrectionNotSentException extends RuntimeException {
        CorrectionNotSentException(Throwable cause) {
            super("The correction could not be recorded right now; retry shortly.", cause);
        }
    }
}
