package dev.newsflow.publish.api;

import java.util.List;

import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.store.ArticleQueries;
import dev.newsflow.publish.stream.ArticleFeed;
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

    ArticleController(ArticleQueries queries, ArticleFeed feed) {
        this.queries = queries;
        this.feed = feed;
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ArticleView> article(@PathVariable String id) {
        return queries.byId(id).switchIfEmpty(Mono.error(() -> new ArticleNotFoundException(id)));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ArticlePage> newest(@RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "20") String size) {
        int pageNumber = InvalidParameterException.intParameter("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = InvalidParameterException.intParameter("size", size, 1, MAX_PAGE_SIZE);
        return queries.newest(pageNumber, pageSize).collectList()
                .map(items -> new ArticlePage(items, pageNumber, pageSize, items.size() == pageSize));
    }

    /**
     * Articles as they are enriched: Server-Sent Events ({@code event: article}, {@code id: <article id>:<version>})
     * by default, or one JSON article per line when the client accepts only {@code application/x-ndjson}.
     */
    @GetMapping(path = "/stream", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_NDJSON_VALUE})
    ResponseEntity<Flux<?>> stream(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (wantsNdjson(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(feed.live());
        }
        Flux<ServerSentEvent<ArticleView>> events = feed.live().map(article -> ServerSentEvent.builder(article)
                .event("article").id(article.id() + ":" + article.version()).build());
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
    }

    private static boolean wantsNdjson(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        return accepted.stream().anyMatch(MediaType.APPLICATION_NDJSON::isCompatibleWith)
                && accepted.stream().noneMatch(type -> type.includes(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
    }

    /** One page of the newest articles. */
    record ArticlePage(List<ArticleView> items, int page, int size, boolean hasMore) {
    }
}
