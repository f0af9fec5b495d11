package dev.newsflow.enrichment.categories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import dev.newsflow.enrichment.CorrectionRecords;
import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.testsupport.KafkaAndMongo;
import dev.newsflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The category model learning through the pipeline: publisher labels on submitted articles train it, unlabelled
 * articles get predicted publisher categories, the model lives in MongoDB, and editors' corrections replace what an
 * article taught.
 */
// IPTC topics are not what this class tests (ArticleEnrichmentTest runs them with the embedding model): words only,
// which spares the model's start-up and its ~0.1 s per article.
@SpringBootTest(properties = "newsflow.enrichment.categories.embeddings=false")
@KafkaAndMongo
@DirtiesContext
class CategoryLearningTest {

    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CategoryModel model;

    @Autowired
    ModelStore store;

    @Autowired
    EnrichmentProperties properties;

    @Autowired
    IptcTopics iptc;

    private final ArticleText text = new ArticleText();

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "learning-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(ArticleTopics.ARTICLE_ENRICHED, ArticleTopics.deadLetterOf(ArticleTopics.CATEGORY_CORRECTIONS)));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void publisherLabelsTeachTheModelUnlabelledArticlesGetThePublishersCategoriesAndTheModelSurvivesARestart() {
        String publisher = "learning-daily-" + UUID.randomUUID();
        List<LabeledArticle> train = LabeledArticle.read(TaxonomyModelTest.TRAIN);
        List<LabeledArticle> test = LabeledArticle.read(TaxonomyModelTest.TEST);
        train.forEach(article -> submit(submitted(newId(), 1, publisher, article, article.categories())));
        await().atMost(Duration.ofSeconds(120))
                .until(() -> documents(CategoryLabels.publisherTaxonomy(publisher)) == train.size());

        List<String> ids = new ArrayList<>();
        test.forEach(article -> {
            ArticleSubmitted unlabelled = submitted(newId(), 1, publisher, article, List.of());
            ids.add(unlabelled.articleId());
            submit(unlabelled);
        });
        List<String> actual = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            ArticleEnriched enriched = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, ids.get(i), 1).value(),
                    ArticleEnriched.class);
            List<CategoryAssignment> publisherCategories = enriched.categories().stream()
                    .filter(category -> category.taxonomy().equals(CategoryAssignment.PUBLISHER)).toList();
            assertThat(publisherCategories).allSatisfy(category -> {
                assertThat(category.origin()).isEqualTo(CategoryAssignment.Origin.MODEL);
                assertThat(category.confidence()).isBetween(0.3, 1.0);
            });
            actual.add(test.get(i).categories().get(0));
            predicted.add(publisherCategories.isEmpty() ? null : publisherCategories.get(0).label());
        }
        Scored throughThePipeline = new Scored(actual, predicted);
        assertThat(throughThePipeline.macroF1()).as(throughThePipeline.toString()).isGreaterThanOrEqualTo(0.8);
        // The unlabelled articles taught nothing.
        assertThat(documents(CategoryLabels.publisherTaxonomy(publisher))).isEqualTo(train.size());

        // A restarted instance loads the same model from MongoDB: same best category, same confidence.
        TaxonomyModel running = model.model(CategoryLabels.publisherTaxonomy(publisher));
        TaxonomyModel reloaded = store.load(taxonomy -> new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS))
                .models().get(CategoryLabels.publisherTaxonomy(publisher));
        for (LabeledArticle article : test) {
            Map<String, Integer> frequencies = text.termFrequencies(article.title(), article.body());
            TaxonomyModel.Prediction before = running.predict(frequencies).get(0);
            TaxonomyModel.Prediction after = reloaded.predict(frequencies).get(0);
            assertThat(after.code()).isEqualTo(before.code());
            assertThat(after.confidence()).isCloseTo(before.confidence(), org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void aCorrectionReplacesTheCategoriesIsPublishedAndReplacesWhatTheArticleTaught() {
        String publisher = "corrections-daily-" + UUID.randomUUID();
        String taxonomy = CategoryLabels.publisherTaxonomy(publisher);
        LabeledArticle story = LabeledArticle.read(TaxonomyModelTest.TRAIN).get(0);
        ArticleSubmitted article = submitted(newId(), 1, publisher, story, List.of("Sport"));
        submit(article);
        assertThat(ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 1).value(),
                ArticleEnriched.class).change()).isEqualTo(ArticleEnriched.Change.CREATED);
        submit(article);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 2);
        assertThat(examples(taxonomy, "sport")).as("a replayed version teaches nothing twice").isEqualTo(1);

        correct(new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, article.articleId(),
                List.of("Business", "medtop:04000000"), publisher, Instant.parse("2026-11-25T08:00:00Z")));

        ArticleEnriched corrected = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 3).value(),
                ArticleEnriched.class);
        assertThat(corrected.version()).isEqualTo(1);
        assertThat(corrected.change()).isEqualTo(ArticleEnriched.Change.CATEGORIES_CORRECTED);
        assertThat(corrected.categoriesCorrectedAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(corrected.categories()).filteredOn(category -> category.origin() == CategoryAssignment.Origin.PUBLISHER)
                .extracting(CategoryAssignment::taxonomy, CategoryAssignment::code, CategoryAssignment::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CategoryAssignment.PUBLISHER, "business", "Business"),
                        org.assertj.core.groups.Tuple.tuple(CategoryAssignment.IPTC, "medtop:04000000", "economy, business and finance"));
        assertThat(corrected.categories()).noneMatch(category -> category.label().equals("Sport"));
        assertThat(stored(article.articleId()).getList("categories", Document.class))
                .extracting(category -> category.getString("code")).contains("business", "medtop:04000000").doesNotContain("sport");
        assertThat(examples(taxonomy, "sport")).isZero();
        assertThat(examples(taxonomy, "business")).isEqualTo(1);
        assertThat(examples(CategoryAssignment.IPTC, "medtop:04000000")).isEqualTo(1);
        assertThat(documents(taxonomy)).isEqualTo(1);
        assertThat(find(ModelStore.CLASSES, taxonomy + "\tbusiness")).as("embeddings are off: words only").doesNotContainKey("v");
        assertThat(model.example(article.articleId()).vector()).isNull();

        // A new version without categories keeps the editor's, and the model still counts the article once.
        ArticleSubmitted update = submitted(article.articleId(), 2, publisher, story, List.of());
        submit(update);
        ArticleEnriched updated = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 4).value(),
                ArticleEnriched.class);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.change()).isEqualTo(ArticleEnriched.Change.NEW_VERSION);
        assertThat(updated.categories()).filteredOn(category -> category.origin() == CategoryAssignment.Origin.PUBLISHER)
                .extracting(CategoryAssignment::code).containsExactly("business", "medtop:04000000");
        assertThat(updated.categoriesCorrectedAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(examples(taxonomy, "business")).isEqualTo(1);
    }

    @Test
    void aCorrectionTakesBackExactlyWhatTheArticleAddedToTheCentroidsInMongoDB() {
        String publisher = "centroid-daily-" + UUID.randomUUID();
        String taxonomy = CategoryLabels.publisherTaxonomy(publisher);
        List<LabeledArticle> train = LabeledArticle.read(TaxonomyModelTest.TRAIN);
        String corrected = newId();
        float[] correctedVector = TaxonomyModelTest.categoryVector("Business", 0.3f);
        float[] otherVector = TaxonomyModelTest.categoryVector("Sport", 0.2f);
        learn(corrected, train.get(0), correctedVector, publisher, "Sport", null, false);
        learn(newId(), train.get(1), otherVector, publisher, "Sport", null, false);
        assertThat(storedCentroid(taxonomy, "sport")).as("two articles added").hasSize(otherVector.length);

        learn(corrected, train.get(0), correctedVector, publisher, "Business", model.example(corrected), true);

        for (TaxonomyModel loaded : List.of(model.model(taxonomy),
                store.load(ignored -> new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS)).models().get(taxonomy))) {
            assertThat(loaded.centroidSum("sport")).hasSize(otherVector.length);
            assertThat(loaded.centroidSum("business")).hasSize(correctedVector.length);
            for (int i = 0; i < otherVector.length; i++) {
                assertThat(loaded.centroidSum("sport")[i]).isCloseTo(otherVector[i], within(1e-9));
                assertThat(loaded.centroidSum("business")[i]).isCloseTo(correctedVector[i], within(1e-9));
            }
        }
        assertThat(find(ModelStore.CLASSES, taxonomy + "\tsport").get("vectors", Number.class).doubleValue()).isEqualTo(1);
        assertThat(model.example(corrected).vector()).containsExactly(correctedVector);
    }

    @Test
    void anotherInstanceSeesTheTrainingAfterItsNextRefresh() {
        String publisher = "shared-daily-" + UUID.randomUUID();
        String taxonomy = CategoryLabels.publisherTaxonomy(publisher);
        List<LabeledArticle> train = LabeledArticle.read(TaxonomyModelTest.TRAIN);
        submit(submitted(newId(), 1, publisher, train.get(0), train.get(0).categories()));
        await().atMost(Duration.ofSeconds(60)).until(() -> documents(taxonomy) == 1);
        CategoryModel other = new CategoryModel(store, iptc, properties, new SimpleMeterRegistry());
        try {
            assertThat(other.model(taxonomy).documents()).isEqualTo(1);

            train.subList(1, 4).forEach(article -> submit(submitted(newId(), 1, publisher, article, article.categories())));
            await().atMost(Duration.ofSeconds(60)).until(() -> documents(taxonomy) == 4);
            assertThat(other.model(taxonomy).documents()).as("not refreshed yet").isEqualTo(1);
            other.refreshIfChanged();

            assertThat(other.model(taxonomy).documents()).isEqualTo(4);
            assertThat(other.model(taxonomy).vocabularySize()).isEqualTo(model.model(taxonomy).vocabularySize());
        }
        finally {
            other.stop();
        }
    }

    @Test
    void aCorrectionForAnArticleThatIsNotStoredGoesToTheDeadLetterTopic() {
        String id = newId();
        correct(new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, id, List.of("World"), "daily", Instant.now()));

        ConsumerRecord<String, byte[]> dead = awaitRecord(ArticleTopics.deadLetterOf(ArticleTopics.CATEGORY_CORRECTIONS), id, 1);
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("not stored");
    }

    private static ArticleSubmitted submitted(String id, long version, String publisher, LabeledArticle article,
            List<String> categories) {
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, version, publisher, null, null, article.title(),
                article.body(), null, null, Instant.parse("2026-11-20T18:45:00Z"), "en", categories, Instant.now(), null, null);
    }

    private static void submit(ArticleSubmitted article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, article.articleId(), ArticleEventJson.write(article)));
    }

    private static void correct(CategoriesCorrected correction) {
        producer.send(CorrectionRecords.of(correction));
    }

    private void learn(String id, LabeledArticle article, float[] vector, String publisher, String category,
            ModelStore.Example previous, boolean corrected) {
        model.learn(id, 1, model.features(text.termFrequencies(article.title(), article.body())), vector,
                List.of(new ModelStore.TaxonomyLabel(CategoryLabels.publisherTaxonomy(publisher),
                        new TaxonomyModel.Label(category.toLowerCase(Locale.ROOT), category))), previous, corrected);
    }

    private Document storedCentroid(String taxonomy, String code) {
        return find(ModelStore.CLASSES, taxonomy + "\t" + code).get("v", Document.class);
    }

    private double documents(String taxonomy) {
        return Optional.ofNullable(find(ModelStore.TAXONOMIES, taxonomy))
                .map(document -> document.get("documents", Number.class).doubleValue()).orElse(0.0);
    }

    private double examples(String taxonomy, String code) {
        return Optional.ofNullable(find(ModelStore.CLASSES, taxonomy + "\t" + code))
                .map(document -> document.get("examples", Number.class).doubleValue()).orElse(0.0);
    }

    private Document stored(String id) {
        return find("articles", id);
    }

    private Document find(String collection, String id) {
        return mongo.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    private static synchronized ConsumerRecord<String, byte[]> awaitRecord(String topic, String key, int count) {
        // Polls only while the record is missing: a poll that finds nothing new waits out its whole 200 ms.
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (records(topic, key).size() < count) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            return records(topic, key).size() >= count;
        });
        List<ConsumerRecord<String, byte[]>> matching = records(topic, key);
        return matching.get(count - 1);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    private static String newId() {
        return "article-" + UUID.randomUUID();
    }
}
