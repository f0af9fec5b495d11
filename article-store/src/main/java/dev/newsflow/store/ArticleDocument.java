package dev.newsflow.store;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code articles} collection: one document per article, written by enrichment-service, read by
 * publish-service. This class is the only place that names the document's fields and indexes and maps it to and
 * from {@link ArticleEnriched}; a new field is one edit here (and in the event).
 *
 * <p>Besides the event's fields a document holds {@link #WORDS} (for the {@code keyword} filter),
 * {@link #RELATED_REVISION} (a counter that guards concurrent related-post updates; a new version resets it) and,
 * while an embargoed article waits to be announced, {@link #RELEASE_DUE} (and {@link #EMBARGOED_UPDATE} if it is an
 * update of an article readers already see, which they go on seeing until then). Readers see only {@link #visibleAt} documents:
 * not {@link #WITHDRAWN} and not under embargo.
 */
public final class ArticleDocument {

    public static final String COLLECTION = "articles";

    public static final String ID = "_id";
    public static final String VERSION = "version";
    public static final String PUBLISHER = "publisher";
    public static final String EXTERNAL_ID = "externalId";
    public static final String URL = "url";
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String AUTHOR = "author";
    public static final String SOURCE = "source";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String LANGUAGE = "language";
    public static final String CATEGORIES = "categories";
    public static final String RELATED_POSTS = "relatedPosts";
    public static final String KEYWORDS = "keywords";
    public static final String BODY_HTML = "bodyHtml";
    public static final String PHOTO_CREDITS = "photoCredits";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String ENRICHED_AT = "enrichedAt";
    public static final String CATEGORIES_CORRECTED_AT = "categoriesCorrectedAt";
    public static final String KEYWORD_WEIGHTS = "keywordWeights";
    public static final String KEY_PHRASES = "keyPhrases";
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String STORY_ID = "storyId";
    /** The distinct words of title and body ({@link ArticleWords}), so that {@code keyword} is an index lookup. */
    public static final String WORDS = "words";
    /** Incremented by every related-posts update of the stored version. */
    public static final String RELATED_REVISION = "relatedRevision";
    /** {@code true} once the publisher withdrew the stored version; absent otherwise (and in older documents). */
    public static final String WITHDRAWN = "withdrawn";
    public static final String EMBARGOED_UNTIL = "embargoedUntil";
    /**
     * Present only while an embargoed article has not been announced yet: when it is due to be (its embargo's end,
     * or later while an instance holds a claim on announcing it). Sparse, so its index holds only those articles.
     */
    public static final String RELEASE_DUE = "releaseDue";
    /**
     * Present only while an update of an article readers see waits for its embargo to end: that version, as a
     * document of its own (without {@link #WORDS}), due at {@link #RELEASE_DUE}. Until then the rest of the document
     * stays the version readers see.
     */
    public static final String EMBARGOED_UPDATE = "embargoedUpdate";
    /** How often announcing the embargoed article failed other than for want of MongoDB or the broker; absent before. */
    public static final String RELEASE_ATTEMPTS = "releaseAttempts";
    /**
     * When the embargoed article was taken off the schedule after failing to be announced {@code release-attempts}
     * times (it is not announced; see docs/operations.md).
     */
    public static final String RELEASE_FAILED = "releaseFailed";

    /** Sub-document fields of {@link #CATEGORIES}. */
    public static final String CATEGORY_TAXONOMY = "taxonomy";
    public static final String CATEGORY_CODE = "code";
    public static final String CATEGORY_LABEL = "label";
    /** Sub-document field of {@link #RELATED_POSTS}: the related article's id. */
    public static final String RELATED_ARTICLE_ID = "articleId";

    private ArticleDocument() {
    }

    /**
     * The collection's indexes: by enrichment time, the newest-first listing order, the {@code keyword} filter in
     * listing order (multikey over {@link #WORDS}), the articles whose related posts name an article (to take a
     * withdrawn one out) and the embargoed articles due to be announced.
     */
    public static List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.descending(ENRICHED_AT), new IndexOptions().name("enrichedAt")),
                new IndexModel(Indexes.compoundIndex(Indexes.descending(PUBLISHED_AT), Indexes.descending(ID)),
                        new IndexOptions().name("publishedAt_id")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending(WORDS), Indexes.descending(PUBLISHED_AT),
                        Indexes.descending(ID)), new IndexOptions().name("words_publishedAt_id")),
                new IndexModel(Indexes.ascending(RELATED_POSTS + "." + RELATED_ARTICLE_ID), new IndexOptions().name("relatedPosts_articleId")),
                new IndexModel(Indexes.ascending(RELEASE_DUE), new IndexOptions().name("releaseDue").sparse(true)));
    }

    /**
     * What readers may see at {@code now}: articles neither withdrawn nor under an embargo that lasts beyond
     * {@code now}.
     */
    public static Bson visibleAt(Instant now) {
        return Filters.and(Filters.ne(WITHDRAWN, true),
                Filters.or(Filters.eq(EMBARGOED_UNTIL, null), Filters.lte(EMBARGOED_UNTIL, Date.from(now))));
    }

    /** The document that stores {@code article} (its {@code change} is what an event reports, not stored). */
    public static Document of(ArticleEnriched article) {
        return new Document(ID, article.articleId())
                .append(VERSION, article.version())
                .append(PUBLISHER, article.publisher())
                .append(EXTERNAL_ID, article.externalId())
                .append(URL, article.url())
                .append(TITLE, article.title())
                .append(BODY, article.body())
                .append(AUTHOR, article.author())
                .append(SOURCE, article.source())
                .append(PUBLISHED_AT, date(article.publishedAt()))
                .append(LANGUAGE, article.language())
                .append(CATEGORIES, categories(article.categories()))
                .append(RELATED_POSTS, relatedPosts(article.relatedPosts()))
                .append(KEYWORDS, article.keywords())
                .append(BODY_HTML, article.bodyHtml())
                .append(PHOTO_CREDITS, article.photoCredits())
                .append(SUBMITTED_AT, date(article.submittedAt()))
                .append(ENRICHED_AT, date(article.enrichedAt()))
                .append(CATEGORIES_CORRECTED_AT, date(article.categoriesCorrectedAt()))
                // An array rather than a sub-document: stems may contain dots, which field names should not.
                .append(KEYWORD_WEIGHTS, article.keywordWeights().entrySet().stream()
                        .map(entry -> new Document("term", entry.getKey()).append("weight", entry.getValue())).toList())
                .append(KEY_PHRASES, article.keyPhrases())
                .append(DUPLICATE_OF, article.duplicateOf())
                .append(STORY_ID, article.storyId())
                .append(WORDS, ArticleWords.of(article.title(), article.body()))
                .append(WITHDRAWN, article.withdrawn())
                .append(EMBARGOED_UNTIL, date(article.embargoedUntil()));
    }

    /** The article {@code document} stores; its {@code change} is {@code null}. */
    public static ArticleEnriched toArticle(Document document) {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, document.getString(ID),
                document.get(VERSION, Number.class).longValue(), document.getString(PUBLISHER),
                document.getString(EXTERNAL_ID), document.getString(URL), document.getString(TITLE),
                document.getString(BODY), document.getString(AUTHOR), document.getString(SOURCE),
                instant(document.getDate(PUBLISHED_AT)), document.getString(LANGUAGE),
                document.getList(CATEGORIES, Document.class, List.of()).stream().map(ArticleDocument::category).toList(),
                document.getList(RELATED_POSTS, Document.class, List.of()).stream().map(ArticleDocument::relatedPost).toList(),
                document.getList(KEYWORDS, String.class, List.of()), instant(document.getDate(SUBMITTED_AT)),
                instant(document.getDate(ENRICHED_AT)), document.getString(BODY_HTML),
                document.getList(PHOTO_CREDITS, String.class, List.of()), instant(document.getDate(CATEGORIES_CORRECTED_AT)),
                null, keywordWeights(document), document.getList(KEY_PHRASES, String.class, List.of()),
                document.getString(DUPLICATE_OF), document.getString(STORY_ID), document.getBoolean(WITHDRAWN, false),
                instant(document.getDate(EMBARGOED_UNTIL)));
    }

    /**
     * The articles whose title or body holds {@code keyword} as whole words, case-insensitively: a lookup of its
     * words in {@link #WORDS} (through the index), and for a phrase of several words, their order checked on the
     * candidates that lookup found.
     *
     * @throws IllegalArgumentException if {@code keyword} has no letter or digit
     */
    public static Bson havingKeyword(String keyword) {
        List<String> words = ArticleWords.sequence(keyword);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a keyword needs at least one letter or digit");
        }
        if (words.size() == 1) {
            return Filters.eq(WORDS, words.get(0));
        }
        String phrase = "(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword.strip()) + "(?![\\p{L}\\p{N}])";
        return Filters.and(Filters.all(WORDS, words),
                Filters.or(Filters.regex(TITLE, phrase, "i"), Filters.regex(BODY, phrase, "i")));
    }

    /** {@code categories} as the value of {@link #CATEGORIES}. */
    public static List<Document> categories(List<CategoryAssignment> categories) {
        return categories.stream().map(category -> new Document(CATEGORY_TAXONOMY, category.taxonomy())
                .append(CATEGORY_CODE, category.code())
                .append(CATEGORY_LABEL, category.label())
                .append("confidence", category.confidence())
                .append("origin", category.origin().name())).toList();
    }

    /** {@code posts} as the value of {@link #RELATED_POSTS}. */
    public static List<Document> relatedPosts(List<RelatedPost> posts) {
        return posts.stream().map(post -> new Document(RELATED_ARTICLE_ID, post.articleId())
                .append("title", post.title())
                .append("url", post.url())
                .append("score", post.score())
                .append("reasons", post.reasons())).toList();
    }

    private static CategoryAssignment category(Document category) {
        return new CategoryAssignment(category.getString(CATEGORY_TAXONOMY), category.getString(CATEGORY_CODE),
                category.getString(CATEGORY_LABEL), category.get("confidence", Number.class).doubleValue(),
                CategoryAssignment.Origin.valueOf(category.getString("origin")));
    }

    private static RelatedPost relatedPost(Document post) {
        return new RelatedPost(post.getString(RELATED_ARTICLE_ID), post.getString("title"), post.getString("url"),
                post.get("score", Number.class).doubleValue(), post.getList("reasons", String.class, List.of()));
    }

    private static Map<String, Double> keywordWeights(Document document) {
        Map<String, Double> weights = new LinkedHashMap<>();
        document.getList(KEYWORD_WEIGHTS, Document.class, List.of())
                .forEach(entry -> weights.put(entry.getString("term"), entry.get("weight", Number.class).doubleValue()));
        return weights;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
