package dev.newsflow.enrichment.categories;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.events.CategoryAssignment;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The learned category models of every taxonomy: the IPTC Media Topics, learned from articles that arrive with IPTC
 * codes (and blended with the zero-shot {@link IptcTopics} by {@link ArticleCategorizer}), and each publisher's own
 * categories, learned from its articles.
 *
 * <p>MongoDB ({@link ModelStore}) is the source of truth, shared by all instances. Each instance keeps the models in
 * memory for prediction: loaded on first use, updated at once by its own training, and reloaded every
 * {@code model-refresh} if another instance has trained meanwhile (the stored revision counters tell).
 *
 * <p>A publisher's categories also keep the centroid of their articles' e5 vectors (when embeddings are on), which
 * {@link TaxonomyModel} combines with Naive Bayes; the IPTC model learns words only, as the zero-shot classifier it is
 * blended with already reads the vector.
 *
 * <p>Each article's contribution is recorded, so that a new version or an editor's correction first takes the old
 * contribution back: the model counts every article once, with its latest text and categories. A crash between the
 * count update and that record can count one example twice; for a statistical model that is noise, not an error.
 */
@Component
public class CategoryModel {

    private static final Logger log = LoggerFactory.getLogger(CategoryModel.class);

    private final ModelStore store;
    private final TaxonomyModel.Settings settings;
    private final Map<String, String> iptcLabels;
    private final ScheduledExecutorService refresher;
    private volatile Map<String, TaxonomyModel> models;
    private final Map<String, Long> revisions = new ConcurrentHashMap<>();

    CategoryModel(ModelStore store, IptcTopics iptc, EnrichmentProperties properties, MeterRegistry meters) {
        this.store = store;
        EnrichmentProperties.Categories categories = properties.categories();
        this.settings = new TaxonomyModel.Settings(categories.alpha(), categories.evidence(), categories.maxVocabulary(),
                categories.embeddingScale());
        this.iptcLabels = iptc.labels();
        Duration refresh = categories.modelRefresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "category-model-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshIfChanged, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        Gauge.builder("newsflow.categories.vocabulary", this, model -> model.loaded().values().stream()
                        .mapToInt(TaxonomyModel::vocabularySize).sum())
                .description("Terms held by the in-memory category models, all taxonomies").register(meters);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** The IPTC top-level labels by code. */
    Map<String, String> iptcLabels() {
        return iptcLabels;
    }

    /** The model of {@code taxonomy}, or {@code null} if it has never been trained. */
    TaxonomyModel model(String taxonomy) {
        return loaded().get(taxonomy);
    }

    /** What {@code articleId} last taught the model, if anything. */
    ModelStore.Example example(String articleId) {
        return store.example(articleId);
    }

    /**
     * Makes the model count {@code labels} (as given with the article or by an editor) for {@code features},
     * replacing {@code previous}, what the article taught before. IPTC labels below the top level are not learned.
     */
    synchronized void learn(String articleId, long version, Map<String, Double> features, float[] vector,
            List<ModelStore.TaxonomyLabel> given, ModelStore.Example previous, boolean corrected) {
        List<ModelStore.TaxonomyLabel> labels = given.stream()
                .filter(label -> !label.taxonomy().equals(CategoryAssignment.IPTC) || iptcLabels.containsKey(label.label().code()))
                .toList();
        // Kept only where a centroid learns from it: an example of IPTC codes alone teaches words only.
        float[] kept = labels.stream().anyMatch(label -> !label.taxonomy().equals(CategoryAssignment.IPTC)) ? vector : null;
        if (previous == null ? labels.isEmpty() && !corrected
                : previous.teachesTheSameAs(features, kept, labels) && previous.corrected() == corrected) {
            return;
        }
        Map<String, TaxonomyModel> current = loaded();
        if (previous != null) {
            byTaxonomy(previous.labels()).forEach((taxonomy, categories) -> {
                TaxonomyModel model = current.get(taxonomy);
                float[] taken = centroidVector(taxonomy, previous.vector());
                if (model != null) {
                    model.apply(previous.features(), taken, categories, -1);
                }
                store.apply(taxonomy, previous.features(), taken, categories, -1);
                revisions.merge(taxonomy, 1L, Long::sum);
            });
        }
        byTaxonomy(labels).forEach((taxonomy, categories) -> {
            TaxonomyModel model = current.computeIfAbsent(taxonomy, this::fresh);
            float[] added = centroidVector(taxonomy, kept);
            store.apply(taxonomy, model.apply(features, added, categories, 1), added, categories, 1);
            revisions.merge(taxonomy, 1L, Long::sum);
        });
        store.saveExample(new ModelStore.Example(articleId, version, features, kept, labels, corrected));
    }

    /** The vector a taxonomy's centroids learn from: publishers' taxonomies only. */
    private static float[] centroidVector(String taxonomy, float[] vector) {
        return taxonomy.equals(CategoryAssignment.IPTC) ? null : vector;
    }

    private static Map<String, List<TaxonomyModel.Label>> byTaxonomy(List<ModelStore.TaxonomyLabel> labels) {
        return labels.stream().collect(Collectors.groupingBy(ModelStore.TaxonomyLabel::taxonomy, LinkedHashMap::new,
                Collectors.mapping(ModelStore.TaxonomyLabel::label, Collectors.toList())));
    }

    /** Training features of an article. */
    Map<String, Double> features(Map<String, Integer> termFrequencies) {
        return TaxonomyModel.features(termFrequencies);
    }

    private Map<String, TaxonomyModel> loaded() {
        Map<String, TaxonomyModel> current = models;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (models == null) {
                reload();
            }
            return models;
        }
    }

    private void reload() {
        ModelStore.Snapshot snapshot = store.load(this::fresh);
        Map<String, TaxonomyModel> loaded = new ConcurrentHashMap<>(snapshot.models());
        loaded.computeIfAbsent(CategoryAssignment.IPTC, this::fresh);
        revisions.clear();
        revisions.putAll(snapshot.revisions());
        models = loaded;
        log.info("Loaded the category models from MongoDB: {}", loaded.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + (long) entry.getValue().documents() + " examples, "
                        + entry.getValue().vocabularySize() + " terms)")
                .collect(Collectors.joining(", ")));
    }

    /** Reloads the models if MongoDB holds training this instance has not seen (run every {@code model-refresh}). */
    void refreshIfChanged() {
        if (models == null) {
            return;
        }
        try {
            Map<String, Long> stored = store.revisions();
            if (!stored.equals(new HashMap<>(revisions))) {
                synchronized (this) {
                    reload();
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not refresh the category models from MongoDB (keeping the current ones): {}", ex.getMessage());
        }
    }

    /** A new, empty model for {@code taxonomy}. */
    private TaxonomyModel fresh(String taxonomy) {
        return new TaxonomyModel(settings);
    }
}
