package dev.newsflow.events;

/** The event types of the contract, with their CloudEvents {@code type} attribute and payload class. */
public enum EventType {

    ARTICLE_SUBMITTED("dev.newsflow.article.submitted.v1", ArticleSubmitted.class),
    ARTICLE_ENRICHED("dev.newsflow.article.enriched.v1", ArticleEnriched.class),
    CATEGORIES_CORRECTED("dev.newsflow.article.categories-corrected.v1", CategoriesCorrected.class);

    private final String ceType;
    private final Class<?> payloadType;

    EventType(String ceType, Class<?> payloadType) {
        this.ceType = ceType;
        this.payloadType = payloadType;
    }

    /** The value of the {@code ce_type} header. */
    public String ceType() {
        return ceType;
    }

    /** The record the JSON body deserialises to. */
    public Class<?> payloadType() {
        return payloadType;
    }
}
