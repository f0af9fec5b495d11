package dev.newsflow.enrichment;

import java.time.Instant;
import java.util.List;

import dev.newsflow.enrichment.delivery.InvalidEventException;
import dev.newsflow.enrichment.related.RelatedPosts;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Withdrawals (kills) of articles, from the submitted topic: the stored article is marked withdrawn as the
 * withdrawal's version, leaves every other article's related posts (each changed article is published again, as
 * {@link ArticleEnriched.Change#RELATED_POSTS_UPDATED}), and the withdrawal is published as a
 * {@link ArticleEnriched.Change#WITHDRAWN} change if readers ever saw the article. This instance's related-posts
 * index drops it at once, every other instance's when that change comes from the topic. Only the article's own publisher can withdraw it; a
 * later version that is not withdrawn reinstates it ({@link ArticleEnricher}).
 */
@Component
class ArticleWithdrawals {

    private static final Logger log = LoggerFactory.getLogger(ArticleWithdrawals.class);

    private final ArticleStore store;
    private final RelatedPosts relatedPosts;
    private final EnrichedEvents events;

    ArticleWithdrawals(ArticleStore store, RelatedPosts relatedPosts, EnrichedEvents events) {
        this.store = store;
        this.relatedPosts = relatedPosts;
        this.events = events;
    }

    /**
     * @return the {@link ArticleEnriched.Change#WITHDRAWN} event to publish, or {@code null} if there is none (a
     *         newer version is stored, or readers never saw the article)
     * @throws InvalidEventException if the article is another publisher's
     */
    Message<ArticleEnriched> withdraw(ArticleSubmitted withdrawal, Instant now) {
        ArticleEnriched identity = new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, withdrawal.articleId(),
                withdrawal.version(), withdrawal.publisher(), withdrawal.externalId(), withdrawal.url(),
                withdrawal.title() == null || withdrawal.title().isBlank() ? null : withdrawal.title(), "", null, null, null,
                null, List.of(), List.of(), List.of(), withdrawal.submittedAt(), now, null, List.of(), null,
                ArticleEnriched.Change.WITHDRAWN);
        ArticleStore.Withdrawal outcome = store.withdraw(identity, withdrawal.version(), now);
        switch (outcome.written()) {
            case STALE -> {
                log.info("Skipped the withdrawal of article {} version {}: a newer version is stored", withdrawal.articleId(),
                        withdrawal.version());
                return null;
            }
            case FOREIGN -> throw new InvalidEventException("Withdrawal by publisher " + withdrawal.publisher() + " of article "
                    + withdrawal.articleId() + ", which is another publisher's");
            default -> {
            }
        }
        relatedPosts.remove(withdrawal.articleId());
        // A failed send fails the record, which is retried: the articles not yet changed are changed and sent then.
        int changed = store.removeRelatedPost(withdrawal.articleId(), now,
                article -> events.send(article.withChange(ArticleEnriched.Change.RELATED_POSTS_UPDATED), now));
        log.info("Withdrew article {} version {}; it left the related posts of {} articles", withdrawal.articleId(),
                withdrawal.version(), changed);
        return outcome.shown().map(shown -> events.message(shown.withdrawnAs(withdrawal.version(), now), now)).orElse(null);
    }
}
