package dev.newsflow.publish.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.newsflow.publish.ArticleView;
import dev.newsflow.publish.PublishProperties;
import dev.newsflow.publish.stream.StreamFilter;
import dev.newsflow.store.ArticleDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the {@code articles} collection that enrichment-service writes ({@link ArticleDocument}). */
@Component
public class ArticleQueries {

    private static final String CATEGORY_COUNTS = "all";

    private final ReactiveMongoTemplate mongo;
    private final long timeoutMillis;
    private final long countTimeoutMillis;
    // One aggregation over every article per refresh interval, not per request; recounted in the background.
    private final AsyncLoadingCache<String, List<CategoryCount>> categoryCounts;

    ArticleQueries(ReactiveMongoTemplate mongo, PublishProperties properties) {
        this.mongo = mongo;
        this.timeoutMillis = properties.storeTimeout().toMillis();
        this.countTimeoutMillis = properties.categoryCounts().timeout().toMillis();
        this.categoryCounts = Caffeine.newBuilder()
                .refreshAfterWrite(properties.categoryCounts().refresh())
                .buildAsync((key, executor) -> countCategories().collectList().toFuture());
    }

    /**
     * The article {@code id} as readers may see it now: empty if there is none or it is still under embargo (as if
     * unknown), {@link ArticleWithdrawnException} if its publisher withdrew it.
     */
    public Mono<ArticleView> byId(String id) {
        return articles()
                .flatMap(collection -> Mono.from(collection.find(Filters.eq(ArticleDocument.ID, id))
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS).first()))
                .map(ArticleDocument::toArticle)
                .filter(article -> article.embargoedUntil() == null || !article.embargoedUntil().isAfter(Instant.now()))
                .flatMap(article -> article.withdrawn() ? Mono.error(new ArticleWithdrawnException(id))
                        : Mono.just(ArticleView.of(article)));
    }

    /** One page of articles. */
    public record Page(List<ArticleView> items, String nextCursor) {
    }

    /**
     * The articles matching {@code filter}, newest first (by publication time, then id; articles without a
     * publication time last), {@code size} at a time. A page starts after {@code cursor} (from the previous page),
     * so articles stored meanwhile never shift or repeat the pages that follow.
     *
     * @throws IllegalArgumentException if {@code cursor} is not one this service made
     */
    public Mono<Page> page(StreamFilter filter, String cursor, int size) {
        List<Bson> conditions = new ArrayList<>(conditions(filter));
        conditions.add(ArticleDocument.visibleAt(Instant.now()));
        if (cursor != null && !cursor.isBlank()) {
            conditions.add(after(Cursor.parse(cursor)));
        }
        Bson query = Filters.and(conditions);
        return articles()
                .flatMapMany(collection -> collection.find(query)
                        .sort(Sorts.orderBy(Sorts.descending(ArticleDocument.PUBLISHED_AT), Sorts.descending(ArticleDocument.ID)))
                        .limit(size + 1)
                        .maxTime(timeoutMillis, TimeUnit.MILLISECONDS))
                .collectList()
                .map(documents -> {
                    List<ArticleView> items = documents.stream().limit(size).map(ArticleQueries::toView).toList();
                    String next = documents.size() > size ? Cursor.of(items.get(items.size() - 1)).encode() : null;
                    return new Page(items, next);
                });
    }

    /** A category with the number of stored articles that carry it. */
    public record CategoryCount(String taxonomy, String code, String label, long count) {
    }

    /**
     * Every category of the stored articles with its number of articles, most used first: counted at most once per
     * {@code category-counts.refresh}, so that the answer may be that old.
     */
    public Flux<CategoryCount> categories() {
        // suppressCancel: the future is the cache's, shared by every request waiting for the count; one reader leaving
        // must not cancel it for the others.
        return Mono.fromFuture(() -> categoryCounts.get(CATEGORY_COUNTS), true).flatMapIterable(counts -> counts);
    }

    private Flux<CategoryCount> countCategories() {
        return articles()
                .flatMapMany(collection -> collection.aggregate(List.of(
                        Aggregates.match(ArticleDocument.visibleAt(Instant.now())),
                        Aggregates.unwind("$" + ArticleDocument.CATEGORIES),
                        Aggregates.group(new Document("taxonomy", category(ArticleDocument.CATEGORY_TAXONOMY))
                                        .append("code", category(ArticleDocument.CATEGORY_CODE)),
                                Accumulators.last("label", category(ArticleDocument.CATEGORY_LABEL)), Accumulators.sum("count", 1))))
                        .maxTime(countTimeoutMillis, TimeUnit.MILLISECONDS))
                .map(document -> {
                    Document key = document.get("_id", Document.class);
                    return new CategoryCount(key.getString("taxonomy"), key.getString("code"), document.getString("label"),
                            document.get("count", Number.class).longValue());
                })
                .sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                        : (a.taxonomy() + a.code()).compareTo(b.taxonomy() + b.code()));
    }

    private static String category(String field) {
        return "$" + ArticleDocument.CATEGORIES + "." + field;
    }

    private static List<Bson> conditions(StreamFilter filter) {
        List<Bson> conditions = new ArrayList<>();
        if (!filter.categories().isEmpty()) {
            List<Bson> any = new ArrayList<>();
            for (String category : filter.categories()) {
                any.add(Filters.regex(ArticleDocument.CATEGORIES + "." + ArticleDocument.CATEGORY_CODE, exactly(category)));
                any.add(Filters.regex(ArticleDocument.CATEGORIES + "." + ArticleDocument.CATEGORY_LABEL, exactly(category)));
            }
            conditions.add(Filters.or(any));
        }
        if (!filter.publishers().isEmpty()) {
            conditions.add(Filters.in(ArticleDocument.PUBLISHER, filter.publishers()));
        }
        if (!filter.sources().isEmpty()) {
            conditions.add(Filters.or(filter.sources().stream().map(source -> Filters.regex(ArticleDocument.SOURCE, exactly(source))).toList()));
        }
        if (!filter.languages().isEmpty()) {
            conditions.add(Filters.or(filter.languages().stream().map(language -> Filters.regex(ArticleDocument.LANGUAGE,
                    Pattern.compile("^" + Pattern.quote(language) + "(-.*)?$", Pattern.CASE_INSENSITIVE))).toList()));
        }
        if (!filter.keywords().isEmpty()) {
            conditions.add(Filters.or(filter.keywords().stream().map(ArticleDocument::havingKeyword).toList()));
        }
        return conditions;
    }

    private static Pattern exactly(String value) {
        return Pattern.compile("^" + Pattern.quote(value) + "$", Pattern.CASE_INSENSITIVE);
    }

    // After (publishedAt, id) in the order publishedAt descending (missing last), then id descending.
    private static Bson after(Cursor cursor) {
        Bson sameTimeLowerId = Filters.lt(ArticleDocument.ID, cursor.id());
        if (cursor.publishedAt() == null) {
            return Filters.and(Filters.eq(ArticleDocument.PUBLISHED_AT, null), sameTimeLowerId);
        }
        Date at = Date.from(cursor.publishedAt());
        return Filters.or(Filters.lt(ArticleDocument.PUBLISHED_AT, at),
                Filters.and(Filters.eq(ArticleDocument.PUBLISHED_AT, at), sameTimeLowerId),
                Filters.eq(ArticleDocument.PUBLISHED_AT, null));
    }

    /** Where a page ended: the last article's publication time and id, as an opaque URL-safe token. */
    record Cursor(Instant publishedAt, String id) {

        static Cursor of(ArticleView article) {
            return new Cursor(article.publishedAt(), article.id());
        }

        String encode() {
            String plain = (publishedAt == null ? "-" : String.valueOf(publishedAt.toEpochMilli())) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                String time = plain.substring(0, bar);
                return new Cursor(time.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(time)), plain.substring(bar + 1));
            }
            catch (RuntimeException ex) {
                throw new IllegalArgumentException("cursor is not one this API gave out", ex);
            }
        }
    }

    private Mono<MongoCollection<Document>> articles() {
        return mongo.getCollection(ArticleDocument.COLLECTION);
    }

    private static ArticleView toView(Document document) {
        return ArticleView.of(ArticleDocument.toArticle(document));
    }
}
