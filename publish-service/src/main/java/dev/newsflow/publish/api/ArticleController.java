package dev.newsflow.publish.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.publish.store.ArticleQueries;
import dev.newsflow.publish.stream.ArticleFeed;
import dev.newsflow.publish.stream.EventFrames;
import dev.newsflow.publish.stream.StreamFilter;
import dev.newsflow.publish.stream.StreamPosition;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/articles")
class ArticleController {

    static final int MAX_PAGE_SIZE = 100;

    // Marks the end of a stream's events among its heartbeats; never written.
    private static final DataBuffer END = DefaultDataBufferFactory.sharedInstance.wrap(new byte[0]);
    // A response's headers go out with its first write, and a reader's EventSource opens (the page says "live") only
    // with them: each stream writes at once, before any event or heartbeat. SSE: a comment, which is no event.
    private static final String OPENED = ":connected\n\n";

    private final ArticleQueries queries;
    private final ArticleFeed feed;
    private final Duration heartbeat;
    private final JsonMapper json;

    ArticleController(ArticleQueries queries, ArticleFeed feed, PublishProperties properties, JsonMapper json) {
        this.queries = queries;
        this.feed = feed;
        this.heartbeat = properties.stream().heartbeat();
        this.json = json;
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
        StreamFilter filter = filter(category, publisher, source, language, keyword);
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
     * {@code id}; a comment line at once (so that the response's headers go out) and every {@code heartbeat}; and,
     * for a subscriber that fell too far behind, a final {@code overflow} event before the stream ends. Reconnecting
     * with {@code Last-Event-ID} (or {@code ?since=}) first sends every matching event missed since that id, then
     * continues live, without gaps or repeats. If the events after that id are no longer kept (older than the
     * retention), {@code since} is answered 410, and {@code Last-Event-ID} gets a {@code reset} event (with the newest
     * id) before the live events.
     */
    @GetMapping(path = "/stream", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_NDJSON_VALUE})
    Mono<ResponseEntity<Flux<DataBuffer>>> stream(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) List<String> category, @RequestParam(required = false) List<String> publisher,
            @RequestParam(required = false) List<String> source, @RequestParam(required = false) List<String> language,
            @RequestParam(required = false) List<String> keyword) {
        StreamFilter filter = filter(category, publisher, source, language, keyword);
        StreamPosition resumeFrom = position("Last-Event-ID", lastEventId);
        if (resumeFrom == null && since != null && !since.isBlank()) {
            StreamPosition from = position("since", since);
            return feed.holdsEverythingAfter(from).flatMap(held -> held ? Mono.just(stream(accept, filter, from))
                    : Mono.error(new PositionExpiredException(since)));
        }
        return Mono.just(stream(accept, filter, resumeFrom));
    }

    private ResponseEntity<Flux<DataBuffer>> stream(String accept, StreamFilter filter, StreamPosition resumeFrom) {
        Flux<List<ArticleFeed.FeedEvent>> events = feed.subscribeInBatches(filter, resumeFrom);
        // Written as bytes: each event's frame is made once and shared by all subscribers (ArticleFeed), and the
        // events of a batch go out in one write.
        if (wantsNdjson(accept)) {
            // NDJSON has no line that is not an object: an empty write sends the headers alone.
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(events.map(batch ->
                    batch instanceof ArticleFeed.LiveBatch live ? live.ndjson()
                            : EventFrames.join(batch.stream().map(event -> event instanceof ArticleFeed.FeedEvent.Article article
                                    ? article.ndjson() : text(json.writeValueAsString(notice(event)) + "\n")).toList()))
                    .startWith(text("")));
        }
        Flux<DataBuffer> heartbeats = Flux.interval(heartbeat, heartbeat).map(tick -> text(":heartbeat\n\n"));
        // Heartbeats stop when the events end (an overflow notice is their last), marked by END: a merge costs an
        // event less than sharing the events with a second subscriber would.
        Flux<DataBuffer> sse = Flux.merge(events.map(batch -> batch instanceof ArticleFeed.LiveBatch live ? live.sse()
                                : EventFrames.join(batch.stream().map(this::sse).toList()))
                        .concatWithValues(END), heartbeats)
                .takeWhile(buffer -> buffer != END)
                .startWith(text(OPENED));
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(sse);
    }

    private static StreamFilter filter(List<String> category, List<String> publisher, List<String> source,
            List<String> language, List<String> keyword) {
        try {
            return new StreamFilter(category, publisher, source, language, keyword);
        }
        catch (StreamFilter.InvalidFilterException ex) {
            throw new InvalidParameterException(ex.parameter(), ex.getMessage());
        }
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

    private DataBuffer sse(ArticleFeed.FeedEvent event) {
        if (event instanceof ArticleFeed.FeedEvent.Article article) {
            return article.sse();
        }
        Notice notice = notice(event);
        return text((notice.id() == null ? "" : "id:" + notice.id() + "\n") + "event:" + notice.event() + "\ndata:"
                + json.writeValueAsString(notice) + "\n\n");
    }

    private static Notice notice(ArticleFeed.FeedEvent event) {
        return event instanceof ArticleFeed.FeedEvent.Reset reset ? new Notice("reset", reset.reason(), reset.id())
                : new Notice("overflow", ((ArticleFeed.FeedEvent.Overflow) event).reason(), null);
    }

    private static DataBuffer text(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a stream says besides articles: {@code overflow}, its last line when the subscriber fell too far behind;
     * {@code reset}, its first when the events after the subscriber's position are no longer kept, with the id the
     * stream continues from.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notice(String event, String reason, String id) {
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
