package dev.newsflow.publish.api;

import dev.newsflow.publish.store.ArticleQueries;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/categories}: every category of the stored articles with its number of articles, most used first. */
@RestController
class CategoryController {

    private final ArticleQueries queries;

    CategoryController(ArticleQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/categories", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<ArticleQueries.CategoryCount> categories() {
        return queries.categories();
    }
}
