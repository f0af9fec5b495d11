package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.newsflow.enrichment.delivery.Failures;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The category model in MongoDB, shared by every enrichment-service instance. Training adds to the counts with
 * {@code $inc}, which commutes, so instances can train concurrently without coordination.
 *
 * <ul>
 * <li>{@code category_taxonomies}: per taxonomy, the number of training examples and a revision counter that every
 * change increments.</li>
 * <li>{@code category_classes}: per category, its label, number of examples and total feature weight, and (with
 * embeddings) the sum {@code v} of its examples' e5 vectors, a sub-document of numbered fields, and their number
 * {@code vectors}.</li>
 * <li>{@code category_terms}: per term of a taxonomy, its document frequency and its weight in each category.</li>
 * <li>{@code category_examples}: per article, what it last contributed (features, e5 vector, categories, whether an editor
 * set them), so that a new version or a correction replaces the contribution instead of adding to it.</li>
 * </ul>
 * Every call waits for MongoDB and fails with {@link dev.newsflow.enrichment.delivery.StoreUnavailableException} if it
 * cannot be reached within {@code store-timeout}.
 */
@Component
class ModelStore {

    static final String TAXONOMIES = "category_taxonomies";
    static final String CLASSES = "category_classes";
    static final String TERMS = "category_terms";
    static final String EXAMPLES = "category_examples";
    private static final String SEPARATOR = "\t";

    private final MongoCollection<Document> taxonomies;
    private final MongoCollection<Document> classes;
    private final MongoCollection<Document> terms;
    private final MongoCollection<Document> examples;

    ModelStore(MongoTemplate mongo) {
        this.taxonomies = mongo.getCollection(TAXONOMIES);
        this.classes = mongo.getCollection(CLASSES);
        this.terms = mongo.getCollection(TERMS);
        this.examples = mongo.getCollection(EXAMPLES);
    }

    /** What one article taught the model; {@code vector} is null if it taught no centroid. */
    record Example(String articleId, long version, Map<String, Double> features, float[] vector, List<TaxonomyLabel> labels,
            boolean corrected) {

        boolean teachesTheSameAs(Map<String, Double> otherFeatures, float[] otherVector, List<TaxonomyLabel> otherLabels) {
            return features.equals(otherFeatures) && Arrays.equals(vector, otherVector) && labels.equals(otherLabels);
        }
    }

    /** A category within a taxonomy ({@code iptc} or {@code publisher:<name>}). */
    record TaxonomyLabel(String taxonomy, TaxonomyModel.Label label) {
    }

    /** The stored counts of every taxonomy, each with the revision it was read at. */
    record Snapshot(Map<String, TaxonomyModel> models, Map<String, Long> revisions) {
    }

    /** What {@code articleId} last taught the model, or {@code null}. */
    Example example(String articleId) {
        return Failures.whileStoreAvailable(() -> {
            Document document = examples.find(Filters.eq("_id", articleId)).first();
            return document == null ? null : toExample(document);
        });
    }

    void saveExample(Example example) {
        Document document = new Document("_id", example.articleId())
                .append("version", example.version())
                .append("terms", List.copyOf(example.features().keySet()))
                .append("weights", List.copyOf(example.features().values()))
                .append("labels", example.labels().stream().map(label -> new Document("taxonomy", label.taxonomy())
                        .append("code", label.label().code()).append("label", label.label().label())).toList())
                .append("corrected", example.corrected());
        if (example.vector() != null) {
            List<Double> vector = new ArrayList<>(example.vector().length);
            for (float value : example.vector()) {
                vector.add((double) value);
            }
            document.append("vector", vector);
        }
        Failures.whileStoreAvailable(() -> examples.replaceOne(Filters.eq("_id", example.articleId()), document,
                new ReplaceOptions().upsert(true)));
    }

    /**
     * Adds ({@code sign} +1) or removes (-1) one example's {@code features} and e5 {@code vector} (may be null) to or
     * from {@code labels} of one taxonomy.
     */
    void apply(String taxonomy, Map<String, Double> features, float[] vector, List<TaxonomyModel.Label> labels, int sign) {
        if (labels.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> termUpdates = new ArrayList<>(features.size());
        // Taking an example back never creates documents: a term another instance's vocabulary cap kept out stays out.
        UpdateOptions upsert = new UpdateOptions().upsert(sign > 0);
        features.forEach((term, weight) -> {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.setOnInsert("taxonomy", taxonomy));
            updates.add(Updates.setOnInsert("term", term));
            updates.add(Updates.inc("df", sign));
            labels.forEach(label -> updates.add(Updates.inc("w." + fieldName(label.code()), sign * weight)));
            termUpdates.add(new UpdateOneModel<>(Filters.eq("_id", taxonomy + SEPARATOR + term), Updates.combine(updates), upsert));
        });
        double total = features.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Bson> centroid = new ArrayList<>();
        if (vector != null) {
            // Numbered fields of a sub-document, not an array: $inc creates and adds to them alike, commuting like the counts.
            for (int i = 0; i < vector.length; i++) {
                centroid.add(Updates.inc("v." + i, sign * (double) vector[i]));
            }
            centroid.add(Updates.inc("vectors", sign));
        }
        List<WriteModel<Document>> classUpdates = labels.stream()
                .<WriteModel<Document>>map(label -> {
                    List<Bson> updates = new ArrayList<>(List.of(Updates.setOnInsert("taxonomy", taxonomy),
                            Updates.setOnInsert("code", label.code()), Updates.set("label", label.label()),
                            Updates.inc("examples", sign), Updates.inc("total", sign * total)));
                    updates.addAll(centroid);
                    return new UpdateOneModel<>(Filters.eq("_id", taxonomy + SEPARATOR + label.code()), Updates.combine(updates), upsert);
                })
                .toList();
        BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
        Failures.whileStoreAvailable(() -> {
            if (!termUpdates.isEmpty()) {
                terms.bulkWrite(termUpdates, unordered);
            }
            classes.bulkWrite(classUpdates, unordered);
            return taxonomies.updateOne(Filters.eq("_id", taxonomy),
                    Updates.combine(Updates.inc("documents", sign), Updates.inc("revision", 1)), upsert);
        });
    }

    /** The revision of every stored taxonomy. */
    Map<String, Long> revisions() {
        return Failures.whileStoreAvailable(() -> {
            Map<String, Long> revisions = new HashMap<>();
            taxonomies.find().forEach(document -> revisions.put(document.getString("_id"), number(document, "revision").longValue()));
            return revisions;
        });
    }

    /** Every stored taxonomy, added on top of the models {@code fresh} creates (e.g. seeded ones). */
    Snapshot load(Function<String, TaxonomyModel> fresh) {
        return Failures.whileStoreAvailable(() -> {
            Map<String, TaxonomyModel> models = new HashMap<>();
            Map<String, Long> revisions = new HashMap<>();
            taxonomies.find().forEach(document -> {
                String taxonomy = document.getString("_id");
                models.computeIfAbsent(taxonomy, fresh).addDocuments(number(document, "documents").doubleValue());
                revisions.put(taxonomy, number(document, "revision").longValue());
            });
            classes.find().forEach(document -> {
                TaxonomyModel model = models.computeIfAbsent(document.getString("taxonomy"), fresh);
                String code = document.getString("code");
                model.addCategory(new TaxonomyModel.Label(code, document.getString("label")),
                        number(document, "examples").doubleValue(), number(document, "total").doubleValue());
                model.addCentroid(code, centroidSum(document.get("v", new Document())), number(document, "vectors").doubleValue());
            });
            terms.find().forEach(document -> {
                Map<String, Double> weights = new HashMap<>();
                document.get("w", new Document()).forEach((field, value) -> weights.put(code(field), ((Number) value).doubleValue()));
                models.computeIfAbsent(document.getString("taxonomy"), fresh)
                        .addTerm(document.getString("term"), number(document, "df").doubleValue(), weights);
            });
            return new Snapshot(models, revisions);
        });
    }

    private static Example toExample(Document document) {
        List<String> terms = document.getList("terms", String.class, List.of());
        List<Number> weights = document.getList("weights", Number.class, List.of());
        Map<String, Double> features = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            features.put(terms.get(i), weights.get(i).doubleValue());
        }
        List<TaxonomyLabel> labels = document.getList("labels", Document.class, List.of()).stream()
                .map(label -> new TaxonomyLabel(label.getString("taxonomy"),
                        new TaxonomyModel.Label(label.getString("code"), label.getString("label"))))
                .toList();
        List<Number> stored = document.getList("vector", Number.class);
        float[] vector = null;
        if (stored != null) {
            vector = new float[stored.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = stored.get(i).floatValue();
            }
        }
        return new Example(document.getString("_id"), number(document, "version").longValue(), features, vector, labels,
                document.getBoolean("corrected", false));
    }

    /** A stored vector sum: fields "0", "1", … of a sub-document. */
    private static double[] centroidSum(Document sum) {
        double[] vector = new double[sum.size()];
        sum.forEach((field, value) -> {
            int i = Integer.parseInt(field);
            if (i < vector.length && value instanceof Number number) {
                vector[i] = number.doubleValue();
            }
        });
        return vector;
    }

    private static Number number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number : 0;
    }

    /** A category code as a field name: MongoDB field names may not contain '.' or start with '$'. */
    static String fieldName(String code) {
        return code.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String code(String fieldName) {
        return fieldName.replace("%2E", ".").replace("%24", "$").replace("%25", "%");
    }
}
