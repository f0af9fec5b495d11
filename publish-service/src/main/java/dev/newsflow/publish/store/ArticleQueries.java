package dev.newsflow.publish.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.newsflow.publish.ArticleView;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the {@code articles} collection that enrichment-service writes. */
@Component
public class ArticleQueries {

    static final String COLLECTION = "articles";

    private final ReactiveMongoTemplate mongo;

    ArticleQueries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<ArticleView> byId(String id) {
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.find(Filters.eq("_id", id)).first()))
                .map(ArticleQueries::toView);
    }

    /** Newest first: by publication time, then by id so that pages are stable. */
    public Flux<ArticleView> newest(int page, int size) {
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find()
                        .sort(Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.descending("_id")))
                        .skip(page * size)
                        .limit(size))
                .map(ArticleQueries::toView);
    }

    static ArticleView toView(Document document) {
        return new ArticleView(document.getString("_id"), document.get("version", Number.class).longValue(),
                document.getString("publisher"), document.getString("externalId"), document.getString("url"),
                document.getString("title"), document.getString("body"), document.getString("bodyHtml"),
                document.getList("photoCredits", String.class, List.of()), document.getString("author"),
                document.getString("source"), instant(document.getDate("publishedAt")), document.getString("language"),
                document.getList("categories", Document.class, List.of()).stream()
                        .map(c -> new ArticleView.Category(c.getString("taxonomy"), c.getString("code"), c.getString("label"),
                                c.get("confidence", Number.class).doubleValue(), c.getString("origin").toLowerCase(Locale.ROOT)))
                        .toList(),
                document.getList("relatedPosts", Document.class, List.of()).stream()
                        .map(r -> new ArticleView.Related(r.getString("articleId"), r.getString("title"), r.getString("url"),
                                r.get("score", Number.class).doubleValue(), r.getList("reasons", String.class, List.of())))
                        .toList(),
                instant(document.getDate("enrichedAt")), instant(document.getDate("categoriesCorrectedAt")), null);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
