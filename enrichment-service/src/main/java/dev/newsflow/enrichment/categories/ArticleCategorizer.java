package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.events.CategoryAssignment;
import org.springframework.stereotype.Component;

/**
 * Categories of an article, in two taxonomies: the IPTC Media Topics and the publisher's own categories.
 *
 * <ul>
 * <li>Categories the article arrives with (or an editor set, see {@link #correct}) are kept exactly as given, with
 * confidence 1 and origin {@code PUBLISHER}, and teach the model.</li>
 * <li>For a taxonomy the article has no given categories in, the model predicts (origin {@code MODEL}): every
 * category with confidence at least {@code min-confidence}, best first, at most {@code max-predicted}. A
 * publisher's taxonomy is predicted once its model knows at least two categories.</li>
 * <li>An editor's correction sticks: a later version of the article that arrives without categories keeps the
 * corrected ones.</li>
 * </ul>
 */
@Component
public class ArticleCategorizer {

    private final CategoryModel model;
    private final EnrichmentProperties.Categories settings;

    ArticleCategorizer(CategoryModel model, EnrichmentProperties properties) {
        this.model = model;
        this.settings = properties.categories();
    }

    /** The categories decided for one article, and what they teach the model once the article is stored. */
    public static final class Categorization {

        private final List<CategoryAssignment> categories;
        private final Map<String, Double> features;
        private final List<ModelStore.TaxonomyLabel> given;
        private final ModelStore.Example previous;
        private final boolean corrected;

        private Categorization(List<CategoryAssignment> categories, Map<String, Double> features,
                List<ModelStore.TaxonomyLabel> given, ModelStore.Example previous, boolean corrected) {
            this.categories = List.copyOf(categories);
            this.features = features;
            this.given = given;
            this.previous = previous;
            this.corrected = corrected;
        }

        public List<CategoryAssignment> categories() {
            return categories;
        }

        /** Whether the given categories are an editor's correction. */
        public boolean corrected() {
            return corrected;
        }
    }

    /**
     * Categorizes a submitted article.
     *
     * @throws dev.newsflow.enrichment.delivery.StoreUnavailableException if MongoDB is needed and unavailable
     */
    public Categorization categorize(String articleId, String publisher, Map<String, Integer> termFrequencies,
            List<String> submitted) {
        ModelStore.Example previous = model.example(articleId);
        List<ModelStore.TaxonomyLabel> given = CategoryLabels.parse(submitted, publisher, model.iptcLabels());
        boolean corrected = false;
        if (given.isEmpty() && previous != null && previous.corrected()) {
            given = previous.labels();
            corrected = true;
        }
        return decide(publisher, termFrequencies, given, previous, corrected);
    }

    /** Categorizes an article an editor corrected: {@code editorCategories} replace those given before. */
    public Categorization correct(String articleId, String publisher, Map<String, Integer> termFrequencies,
            List<String> editorCategories) {
        return decide(publisher, termFrequencies, CategoryLabels.parse(editorCategories, publisher, model.iptcLabels()),
                model.example(articleId), true);
    }

    /** Teaches the model what {@code categorization} found for the article, replacing what it taught before. */
    public void learn(String articleId, long version, Categorization categorization) {
        model.learn(articleId, version, categorization.features, categorization.given, categorization.previous,
                categorization.corrected);
    }

    private Categorization decide(String publisher, Map<String, Integer> termFrequencies,
            List<ModelStore.TaxonomyLabel> given, ModelStore.Example previous, boolean corrected) {
        List<CategoryAssignment> categories = new ArrayList<>();
        String publisherTaxonomy = CategoryLabels.publisherTaxonomy(publisher);
        given.forEach(label -> categories.add(new CategoryAssignment(
                label.taxonomy().equals(CategoryAssignment.IPTC) ? CategoryAssignment.IPTC : CategoryAssignment.PUBLISHER,
                label.label().code(), label.label().label(), 1.0, CategoryAssignment.Origin.PUBLISHER)));
        if (given.stream().noneMatch(label -> label.taxonomy().equals(publisherTaxonomy))) {
            categories.addAll(predict(publisherTaxonomy, CategoryAssignment.PUBLISHER, termFrequencies));
        }
        if (given.stream().noneMatch(label -> label.taxonomy().equals(CategoryAssignment.IPTC))) {
            categories.addAll(predict(CategoryAssignment.IPTC, CategoryAssignment.IPTC, termFrequencies));
        }
        return new Categorization(categories, model.features(termFrequencies), given, previous, corrected);
    }

    private List<CategoryAssignment> predict(String taxonomy, String kind, Map<String, Integer> termFrequencies) {
        TaxonomyModel taxonomyModel = model.model(taxonomy);
        if (taxonomyModel == null || taxonomyModel.categories().size() < 2) {
            return List.of();
        }
        return taxonomyModel.predict(termFrequencies).stream()
                .filter(prediction -> prediction.confidence() >= settings.minConfidence())
                .limit(settings.maxPredicted())
                .map(prediction -> new CategoryAssignment(kind, prediction.code(), prediction.label(),
                        Math.round(prediction.confidence() * 1000) / 1000.0, CategoryAssignment.Origin.MODEL))
                .toList();
    }
}
