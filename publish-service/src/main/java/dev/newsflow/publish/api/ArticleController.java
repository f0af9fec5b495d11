package dev.newsflow.publish.api;

import java.time.Duration;
import java.util.List;

import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.publish.store.ArticleQueries;
import dev.newsflow.publish.stream.ArticleFeed;
import dev.newsflow.publish.stream.StreamFilter;
import dev.newsflow.publish.stream.StreamPosition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/articles")
class ArticleController {

    static final int MAX_PAGE_SIZE = 100;

    private final ArticleQueries queries;
    private final ArticleFeed feed;
    private final Duration heartbeat;

    ArticleController(ArticleQueries queries, ArticleFeed feed, PublishProperties properties) {
        this.queries = queries;
        this.feed = feed;
        this.heartbeat = properties.stream().heartbeat();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ArticleView> article(@PathVariable String id) {
        return queries.byId(id).switchIfEmpty(Mono.error(() -> new ArticleNotFoundException(id)));
    }

    /**
     * The stored articles matching the same filters as the stream, newest first, {@code size} at a time; pass the
     * answer's {@code nextCursor} as {@code cursor} for the next page (absent on the last page).
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ArticleQueries.Page> list(@RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> publisher, @RequestParam(required = false) List<String> source,
            @RequestParam(required = false) List<String> language, @RequestParam(required = false) List<String> keyword,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "20") String size) {
        int pageSize = InvalidParameterException.intParameter("size", size, 1, MAX_PAGE_SIZE);
        StreamFilter filter = new StreamFilter(category, publisher, source, language, keyword);
        return Mono.defer(() -> queries.page(filter, cursor, pageSize))
                .onErrorMap(IllegalArgumentException.class, ex -> new InvalidParameterException("cursor", ex.getMessage()));
    }

    /** The article's related posts (id, title, url, score, reasons), best first. */
    @GetMapping(path = "/{id}/related", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ArticleView.Related>> related(@PathVariable String id) {
        return article(id).map(ArticleView::relatedPosts);
    }

    /**
     * Articles as they are enriched, filtered by the query ({@link StreamFilter}): Server-Sent Events by default,
     * or one JSON object per line when the client accepts only {@code application/x-ndjson}.
     *
     * <p>SSE events: {@code article} for a new article, {@code article-updated} for a new version or corrected
     * categories (the {@code change} field says which), each with the subscriber's {@link StreamPosition} as
     * {@code id}; a comment line every {@code heartbeat}; and, for a subscriber that fell too far behind, a final
     * {@code overflow} event before the stream ends. Reconnecting with {@code Last-Event-ID} (or {@code ?since=})
     * first sends every matching event missed since that id, then continues live, without gaps or repeats.
     */
    @GetMapping(path = "/stream", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_NDJSON_VALUE})
    ResponseEntity<Flux<?>> stream(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) List<String> category, @RequestParam(required = false) List<String> publisher,
            @RequestParam(required = false) List<String> source, @RequestParam(required = false) List<String> language,
            @RequestParam(required = false) List<String> keyword) {
        StreamPosition resumeFrom = position("Last-Event-ID", lastEventId);
        if (resumeFrom == null) {
            resumeFrom = position("since", since);
        }
        Flux<ArticleFeed.FeedEvent> events = feed.subscribe(new StreamFilter(category, publisher, source, language, keyword),
                resumeFrom);
        if (wantsNdjson(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(events.map(event ->
                    event instanceof ArticleFeed.FeedEvent.Article article ? article.article()
                            : new OverflowNotice("overflow", ((ArticleFeed.FeedEvent.Overflow) event).reason())));
        }
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(heartbeat, heartbeat)
                .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
        Flux<ServerSentEvent<Object>> sse = events.publish(shared -> Flux.merge(shared.map(ArticleController::sse),
                heartbeats.takeUntilOther(shared.then().thenReturn(true))));
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(sse);
    }

    private static StreamPosition position(String parameter, String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return StreamPosition.parse(id);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidParameterException(parameter, ex.getMessage());
        }
    }

    private static ServerSentEvent<Object> sse(ArticleFeed.FeedEvent event) {
        if (event instanceof ArticleFeed.FeedEvent.Article article) {
            ArticleView view = article.article();
            boolean created = view.change() == null || view.change().equals("created");
            // The JSON is made once per event for all subscribers; a String is written as it is.
            return ServerSentEvent.<Object>builder(article.json()).event(created ? "article" : "article-updated").id(article.id())
                    .build();
        }
        return ServerSentEvent.<Object>builder(new OverflowNotice("overflow", ((ArticleFeed.FeedEvent.Overflow) event).reason()))
                .event("overflow").build();
    }

    /** The last line of a stream whose subscriber fell too far behind. */
    record OverflowNotice(String event, String reason) {
    }

    private static boolean wantsNdjson(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        return accepted.stream().anyMatch(MediaType.APPLICATION_NDJSON::isCompatibleWith)
                && accepted.stream().noneMatch(type -> type.includes(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
    }

}
