package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * category with confidence at least {@code min-confidence} and {@code min-lift-over-chance} times chance (so that
 * an article the model cannot tell gets none), best first, at most {@code max-predicted}. A
 * publisher's taxonomy is predicted once its model knows at least two categories.</li>
 * <li>IPTC Media Topics are predicted for every article, before anyone has labelled anything, by the zero-shot
 * {@link IptcTopics}; once articles have arrived with IPTC codes, the model learned from them is blended in, with
 * weight {@code n / (n + }{@value #LEARNED_IPTC_HALF_WEIGHT}{@code )} after {@code n} such articles. The best topic
 * is always assigned; a further one only if its confidence reaches both {@code second-label-min} (calibrated on our
 * evaluation data) and {@code min-confidence}.</li>
 * <li>An editor's correction sticks: a later version of the article that arrives without categories keeps the
 * corrected ones.</li>
 * </ul>
 */
@Component
public class ArticleCategorizer {

    /** After this many IPTC-coded articles, the model learned from them weighs as much as the zero-shot classifier. */
    static final int LEARNED_IPTC_HALF_WEIGHT = 200;

    private final CategoryModel model;
    private final IptcTopics iptc;
    private final EnrichmentProperties.Categories settings;

    ArticleCategorizer(CategoryModel model, IptcTopics iptc, EnrichmentProperties properties) {
        this.model = model;
        this.iptc = iptc;
        this.settings = properties.categories();
    }

    /** What an article says: its headline, its body and their analysed term frequencies. */
    public record Text(String title, String body, Map<String, Integer> termFrequencies) {
    }

    /** The categories decided for one article, and what they teach the model once the article is stored. */
    public static final class Categorization {

        private final List<CategoryAssignment> categories;
        private final Map<String, Double> features;
        private final float[] vector;
        private final List<ModelStore.TaxonomyLabel> given;
        private final ModelStore.Example previous;
        private final boolean corrected;

        private Categorization(List<CategoryAssignment> categories, Map<String, Double> features, float[] vector,
                List<ModelStore.TaxonomyLabel> given, ModelStore.Example previous, boolean corrected) {
            this.categories = List.copyOf(categories);
            this.features = features;
            this.vector = vector;
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
    public Categorization categorize(String articleId, String publisher, Text text, List<String> submitted) {
        ModelStore.Example previous = model.example(articleId);
        List<ModelStore.TaxonomyLabel> given = CategoryLabels.parse(submitted, publisher, model.iptcLabels());
        boolean corrected = false;
        if (given.isEmpty() && previous != null && previous.corrected()) {
            given = previous.labels();
            corrected = true;
        }
        return decide(publisher, text, given, previous, corrected);
    }

    /** Categorizes an article an editor corrected: {@code editorCategories} replace those given before. */
    public Categorization correct(String articleId, String publisher, Text text, List<String> editorCategories) {
        return decide(publisher, text, CategoryLabels.parse(editorCategories, publisher, model.iptcLabels()),
                model.example(articleId), true);
    }

    /** Teaches the model what {@code categorization} found for the article, replacing what it taught before. */
    public void learn(String articleId, long version, Categorization categorization) {
        model.learn(articleId, version, categorization.features, categorization.vector, categorization.given,
                categorization.previous, categorization.corrected);
    }

    private Categorization decide(String publisher, Text text, List<ModelStore.TaxonomyLabel> given,
            ModelStore.Example previous, boolean corrected) {
        List<CategoryAssignment> categories = new ArrayList<>();
        String publisherTaxonomy = CategoryLabels.publisherTaxonomy(publisher);
        given.forEach(label -> categories.add(new CategoryAssignment(
                label.taxonomy().equals(CategoryAssignment.IPTC) ? CategoryAssignment.IPTC : CategoryAssignment.PUBLISHER,
                label.label().code(), label.label().label(), 1.0, CategoryAssignment.Origin.PUBLISHER)));
        boolean teachesPublisher = given.stream().anyMatch(label -> label.taxonomy().equals(publisherTaxonomy));
        boolean predictsIptc = given.stream().noneMatch(label -> label.taxonomy().equals(CategoryAssignment.IPTC));
        TaxonomyModel publisherModel = teachesPublisher ? null : model.model(publisherTaxonomy);
        boolean predictsPublisher = publisherModel != null && publisherModel.categories().size() >= 2;
        // Embedded once (null with embeddings off), for the IPTC topics and the publisher's category centroids alike;
        // not for the centroids alone when they are switched off (embedding scale 0).
        boolean centroids = settings.embeddingScale() > 0 && (teachesPublisher || predictsPublisher);
        float[] vector = centroids || predictsIptc ? iptc.articleVector(text.title(), text.body()) : null;
        if (predictsPublisher) {
            publisherModel.assignable(text.termFrequencies(), vector, settings.minConfidence(), settings.minLiftOverChance()).stream()
                    .limit(settings.maxPredicted())
                    .forEach(prediction -> categories.add(assignment(CategoryAssignment.PUBLISHER, prediction)));
        }
        if (predictsIptc) {
            List<TaxonomyModel.Prediction> predictions = predictIptc(text, vector);
            double further = Math.max(settings.minConfidence(), settings.secondLabelMin());
            for (int i = 0; i < predictions.size() && i < Math.max(1, settings.maxPredicted()); i++) {
                if (i == 0 || predictions.get(i).confidence() >= further) {
                    categories.add(assignment(CategoryAssignment.IPTC, predictions.get(i)));
                }
            }
        }
        return new Categorization(categories, model.features(text.termFrequencies()), vector, given, previous, corrected);
    }

    private List<TaxonomyModel.Prediction> predictIptc(Text text, float[] vector) {
        List<TaxonomyModel.Prediction> zeroShot = iptc.predict(vector, text.termFrequencies());
        TaxonomyModel learned = model.model(CategoryAssignment.IPTC);
        double examples = learned == null ? 0 : learned.documents();
        if (examples < 1 || learned.categories().size() < 2) {
            return zeroShot;
        }
        double weight = examples / (examples + LEARNED_IPTC_HALF_WEIGHT);
        Map<String, Double> learnedConfidence = new HashMap<>();
        learned.predict(text.termFrequencies()).forEach(prediction -> learnedConfidence.put(prediction.code(), prediction.confidence()));
        return zeroShot.stream()
                .map(prediction -> new TaxonomyModel.Prediction(prediction.code(), prediction.label(),
                        (1 - weight) * prediction.confidence() + weight * learnedConfidence.getOrDefault(prediction.code(), 0.0)))
                .sorted(Comparator.comparingDouble(TaxonomyModel.Prediction::confidence).reversed())
                .toList();
    }

    private static CategoryAssignment assignment(String kind, TaxonomyModel.Prediction prediction) {
        return new CategoryAssignment(kind, prediction.code(), prediction.label(),
                Math.round(prediction.confidence() * 1000) / 1000.0, CategoryAssignment.Origin.MODEL);
    }
}
