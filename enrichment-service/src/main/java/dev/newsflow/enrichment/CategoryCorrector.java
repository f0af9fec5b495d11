package dev.newsflow.enrichment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.newsflow.enrichment.categories.ArticleCategorizer;
import dev.newsflow.enrichment.delivery.IncomingEvent;
import dev.newsflow.enrichment.delivery.InvalidEventException;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code correctCategories} binding: an editor's correction (accepted by publish-service) replaces the stored
 * article's given categories, teaches the category model, and the corrected article is published on the enriched
 * topic with the same {@code version} and a new {@code categoriesCorrectedAt}.
 */
@Component("correctCategories")
class CategoryCorrector implements Function<Message<byte[]>, Message<ArticleEnriched>> {

    private static final Logger log = LoggerFactory.getLogger(CategoryCorrector.class);
    private static final int ATTEMPTS_AGAINST_NEW_VERSIONS = 3;

    private final ArticleText text;
    private final ArticleCategorizer categorizer;
    private final ArticleStore store;
    private final EnrichedEvents events;

    CategoryCorrector(ArticleText text, ArticleCategorizer categorizer, ArticleStore store, EnrichedEvents events) {
        this.text = text;
        this.categorizer = categorizer;
        this.store = store;
        this.events = events;
    }

    @Override
    public Message<ArticleEnriched> apply(Message<byte[]> message) {
        CategoriesCorrected correction = decode(message);
        for (int attempt = 1; attempt <= ATTEMPTS_AGAINST_NEW_VERSIONS; attempt++) {
            ArticleEnriched stored = store.find(correction.articleId()).orElseThrow(() -> new InvalidEventException(
                    "Correction for article " + correction.articleId() + ", which is not stored"));
            if (!Objects.equals(stored.publisher(), correction.publisher())) {
                throw new InvalidEventException("Correction by publisher " + correction.publisher() + " for article "
                        + correction.articleId() + " of publisher " + stored.publisher());
            }
            if (stored.withdrawn()) {
                throw new InvalidEventException("Correction for article " + correction.articleId() + ", which is withdrawn");
            }
            Map<String, Integer> frequencies = text.termFrequencies(stored.title(), stored.body());
            ArticleCategorizer.Categorization categorization = categorizer.correct(stored.articleId(), stored.publisher(),
                    new ArticleCategorizer.Text(stored.title(), stored.body(), frequencies), correction.categories());
            Instant correctedAt = correction.correctedAt() == null ? Instant.now() : correction.correctedAt();
            ArticleEnriched corrected = store.correctCategories(stored.articleId(), stored.version(),
                    categorization.categories(), correctedAt).orElse(null);
            if (corrected == null) {
                // A new version was stored between reading and writing: correct that one.
                continue;
            }
            categorizer.learn(corrected.articleId(), corrected.version(), categorization);
            if (!correctEmbargoedUpdate(correction, correctedAt)) {
                // The update waiting under embargo changed (a newer one, or announced) meanwhile: correct again.
                continue;
            }
            log.info("Corrected the categories of article {} version {}: {}", corrected.articleId(), corrected.version(),
                    correction.categories());
            if (corrected.embargoedUntil() != null && corrected.embargoedUntil().isAfter(Instant.now())) {
                // Announced with the corrected categories when its embargo ends.
                return null;
            }
            return events.message(corrected.withChange(ArticleEnriched.Change.CATEGORIES_CORRECTED), correctedAt);
        }
        throw new IllegalStateException("Article " + correction.articleId() + " kept changing while being corrected");
    }

    // An update waiting under embargo beside the corrected version gets the correction too, unless its publisher gave
    // it categories of its own (which a new version's given categories always are; see ArticleCategorizer#categorize).
    private boolean correctEmbargoedUpdate(CategoriesCorrected correction, Instant correctedAt) {
        ArticleEnriched held = store.embargoedUpdate(correction.articleId()).orElse(null);
        if (held == null || held.categoriesCorrectedAt() == null
                && held.categories().stream().anyMatch(category -> category.origin() == CategoryAssignment.Origin.PUBLISHER)) {
            return true;
        }
        ArticleCategorizer.Categorization categorization = categorizer.correct(held.articleId(), held.publisher(),
                new ArticleCategorizer.Text(held.title(), held.body(), text.termFrequencies(held.title(), held.body())),
                correction.categories());
        if (!store.correctEmbargoedUpdate(held.articleId(), held.version(), categorization.categories(), correctedAt)) {
            return false;
        }
        categorizer.learn(held.articleId(), held.version(), categorization);
        log.info("Corrected the categories of article {} version {}, under embargo until {}", held.articleId(), held.version(),
                held.embargoedUntil());
        return true;
    }

    private static CategoriesCorrected decode(Message<byte[]> message) {
        CategoriesCorrected correction = IncomingEvent.read(message, EventType.CATEGORIES_CORRECTED, CategoriesCorrected.class);
        List<String> problems = new ArrayList<>();
        if (correction.schemaVersion() < 1 || correction.schemaVersion() > CategoriesCorrected.SCHEMA_VERSION) {
            problems.add("schemaVersion " + correction.schemaVersion() + " is not supported (1.."
                    + CategoriesCorrected.SCHEMA_VERSION + ")");
        }
        if (correction.articleId() == null || correction.articleId().isBlank()) {
            problems.add("articleId is required");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("Not a valid CategoriesCorrected event: " + String.join("; ", problems));
        }
        return correction;
    }
}
