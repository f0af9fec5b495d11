package dev.newsflow.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;

/**
 * Test data: an enriched article, built fluently instead of through the event's 25 positional arguments. Starts as
 * a plain English article of publisher {@code daily-example}, version 1, created now, with no categories; set what
 * the test is about.
 */
public final class ArticleBuilder {

    private final String articleId;
    private long version = 1;
    private String publisher = "daily-example";
    private String externalId;
    private String url;
    private String title;
    private String body = "Body text.";
    private String author;
    private String source;
    private Instant publishedAt = Instant.now();
    private String language = "en";
    private final List<CategoryAssignment> categories = new ArrayList<>();
    private final List<RelatedPost> relatedPosts = new ArrayList<>();
    private List<String> keywords = List.of();
    private Instant submittedAt = Instant.now();
    private Instant enrichedAt = Instant.now();
    private String bodyHtml;
    private List<String> photoCredits = List.of();
    private Instant categoriesCorrectedAt;
    private ArticleEnriched.Change change = ArticleEnriched.Change.CREATED;
    private final Map<String, Double> keywordWeights = new LinkedHashMap<>();
    private List<String> keyPhrases = List.of();
    private String duplicateOf;
    private String storyId;
    private boolean withdrawn;
    private Instant embargoedUntil;

    private ArticleBuilder(String articleId) {
        this.articleId = articleId;
        this.title = "Title " + articleId;
    }

    /** An article with id {@code articleId} and title {@code "Title <id>"}. */
    public static ArticleBuilder article(String articleId) {
        return new ArticleBuilder(articleId);
    }

    /** A builder holding everything {@code article} holds, to change some of it. */
    public static ArticleBuilder from(ArticleEnriched article) {
        ArticleBuilder builder = new ArticleBuilder(article.articleId());
        builder.version = article.version();
        builder.publisher = article.publisher();
        builder.externalId = article.externalId();
        builder.url = article.url();
        builder.title = article.title();
        builder.body = article.body();
        builder.author = article.author();
        builder.source = article.source();
        builder.publishedAt = article.publishedAt();
        builder.language = article.language();
        builder.categories.addAll(article.categories());
        builder.relatedPosts.addAll(article.relatedPosts());
        builder.keywords = article.keywords();
        builder.submittedAt = article.submittedAt();
        builder.enrichedAt = article.enrichedAt();
        builder.bodyHtml = article.bodyHtml();
        builder.photoCredits = article.photoCredits();
        builder.categoriesCorrectedAt = article.categoriesCorrectedAt();
        builder.change = article.change();
        builder.keywordWeights.putAll(article.keywordWeights());
        builder.keyPhrases = article.keyPhrases();
        builder.duplicateOf = article.duplicateOf();
        builder.storyId = article.storyId();
        return builder;
    }

    public ArticleBuilder version(long version) {
        this.version = version;
        return this;
    }

    public ArticleBuilder publisher(String publisher) {
        this.publisher = publisher;
        return this;
    }

    public ArticleBuilder externalId(String externalId) {
        this.externalId = externalId;
        return this;
    }

    public ArticleBuilder url(String url) {
        this.url = url;
        return this;
    }

    public ArticleBuilder title(String title) {
        this.title = title;
        return this;
    }

    public ArticleBuilder body(String body) {
        this.body = body;
        return this;
    }

    public ArticleBuilder author(String author) {
        this.author = author;
        return this;
    }

    public ArticleBuilder source(String source) {
        this.source = source;
        return this;
    }

    public ArticleBuilder publishedAt(Instant publishedAt) {
        this.publishedAt = publishedAt;
        return this;
    }

    public ArticleBuilder language(String language) {
        this.language = language;
        return this;
    }

    /** Adds an IPTC category predicted by the model with {@code confidence}. */
    public ArticleBuilder iptc(String code, String label, double confidence) {
        return category(new CategoryAssignment(CategoryAssignment.IPTC, code, label, confidence, CategoryAssignment.Origin.MODEL));
    }

    public ArticleBuilder category(CategoryAssignment category) {
        categories.add(category);
        return this;
    }

    /** Replaces the categories. */
    public ArticleBuilder categories(List<CategoryAssignment> categories) {
        this.categories.clear();
        this.categories.addAll(categories);
        return this;
    }

    public ArticleBuilder relatedPost(String articleId, String title, double score, String... reasons) {
        relatedPosts.add(new RelatedPost(articleId, title, null, score, List.of(reasons)));
        return this;
    }

    public ArticleBuilder keywords(String... keywords) {
        this.keywords = List.of(keywords);
        return this;
    }

    public ArticleBuilder keywordWeight(String term, double weight) {
        keywordWeights.put(term, weight);
        return this;
    }

    public ArticleBuilder keyPhrases(String... keyPhrases) {
        this.keyPhrases = List.of(keyPhrases);
        return this;
    }

    public ArticleBuilder submittedAt(Instant submittedAt) {
        this.submittedAt = submittedAt;
        return this;
    }

    public ArticleBuilder enrichedAt(Instant enrichedAt) {
        this.enrichedAt = enrichedAt;
        return this;
    }

    public ArticleBuilder bodyHtml(String bodyHtml) {
        this.bodyHtml = bodyHtml;
        return this;
    }

    public ArticleBuilder photoCredits(String... photoCredits) {
        this.photoCredits = List.of(photoCredits);
        return this;
    }

    public ArticleBuilder categoriesCorrectedAt(Instant categoriesCorrectedAt) {
        this.categoriesCorrectedAt = categoriesCorrectedAt;
        return this;
    }

    public ArticleBuilder change(ArticleEnriched.Change change) {
        this.change = change;
        return this;
    }

    public ArticleBuilder duplicateOf(String duplicateOf) {
        this.duplicateOf = duplicateOf;
        return this;
    }

    public ArticleBuilder storyId(String storyId) {
        this.storyId = storyId;
        return this;
    }

    public ArticleBuilder withdrawn(boolean withdrawn) {
        this.withdrawn = withdrawn;
        return this;
    }

    public ArticleBuilder embargoedUntil(Instant embargoedUntil) {
        this.embargoedUntil = embargoedUntil;
        return this;
    }

    public ArticleEnriched build() {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, articleId, version, publisher, externalId, url, title, body,
                author, source, publishedAt, language, categories, relatedPosts, keywords, submittedAt, enrichedAt, bodyHtml,
                photoCredits, categoriesCorrectedAt, change, keywordWeights, keyPhrases, duplicateOf, storyId, withdrawn,
                embargoedUntil);
    }
}
