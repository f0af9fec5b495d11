package dev.newsflow.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.enrichment.delivery.BrokerUnavailableException;
import dev.newsflow.enrichment.delivery.StoreUnavailableException;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.CategoriesCorrected;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.EventHeaders;
import dev.newsflow.events.EventType;
import dev.newsflow.testsupport.KafkaAndMongo;
import dev.newsflow.testsupport.Actuator;
import dev.newsflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;


// Two attempts at announcing an embargoed article whose announcement keeps failing (10 in production).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "newsflow.enrichment.embargo.release-attempts=2")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
@KafkaAndMongo
@DirtiesContext
class ArticleEnrichmentTest {

    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    // Real sends to the broker, but one can be made to fail, as if the broker had not acknowledged it.
    @MockitoSpyBean
    EnrichedEvents events;

    // The real store, but one write can be made to fail, as if MongoDB had not answered.
    @MockitoSpyBean
    ArticleStore store;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "enrichment-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(ArticleTopics.ARTICLE_ENRICHED, ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED)));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void sportsReportWithoutCategoriesIsStoredAndPublishedWithTheIptcSportTopic() {
        ArticleSubmitted article = sportsReport(newId(), 1, List.of());

        submit(article);

        ConsumerRecord<String, byte[]> record = awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 1);
        assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventType.ARTICLE_ENRICHED.ceType());
        ArticleEnriched enriched = ArticleEventJson.read(record.value(), ArticleEnriched.class);
        assertThat(enriched.categories()).anySatisfy(category -> {
            assertThat(category.code()).isEqualTo("medtop:15000000");
            assertThat(category.label()).isEqualTo("sport");
            assertThat(category.origin()).isEqualTo(CategoryAssignment.Origin.MODEL);
            assertThat(category.confidence()).isBetween(0.3, 1.0);
        });
        assertThat(enriched.categories()).noneMatch(category -> category.code().equals("medtop:11000000"));
        Document stored = stored(article.articleId());
        assertThat(stored.getString("title")).isEqualTo(article.title());
        assertThat(stored.getList("categories", Document.class)).extracting(c -> c.getString("code")).contains("medtop:15000000");
    }

    @Test
    void publisherCategoriesAreKeptExactlyAsGiven() {
        ArticleSubmitted article = sportsReport(newId(), 1, List.of("World", "Sport News"));

        submit(article);

        ArticleEnriched enriched = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 1).value(),
                ArticleEnriched.class);
        assertThat(enriched.categories()).filteredOn(c -> c.origin() == CategoryAssignment.Origin.PUBLISHER)
                .extracting(CategoryAssignment::label, CategoryAssignment::confidence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("World", 1.0),
                        org.assertj.core.groups.Tuple.tuple("Sport News", 1.0));
    }

    @Test
    void replayedAndOutOfOrderEventsLeaveOneDocumentAtTheNewestVersion() {
        String id = newId();
        ArticleSubmitted older = sportsReport(id, 100, List.of());
        ArticleSubmitted newer = new ArticleSubmitted(1, id, 200, "daily-example", null, null, "Cup final moved to Sunday",
                older.body(), null, null, null, "en", List.of(), Instant.now(), null, List.of());

        submit(newer);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, id, 1);
        submit(newer);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, id, 2);
        submit(older);
        ArticleSubmitted marker = sportsReport(newId(), 1, List.of());
        submitOnPartitionOf(id, marker);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, marker.articleId(), 1);

        List<Document> documents = mongo.getCollection(ArticleDocument.COLLECTION)
                .find(Filters.eq("_id", id)).into(new ArrayList<>());
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).getLong("version")).isEqualTo(200L);
        assertThat(documents.get(0).getString("title")).isEqualTo("Cup final moved to Sunday");
        assertThat(records(ArticleTopics.ARTICLE_ENRICHED, id)).extracting(r -> ArticleEventJson.read(r.value(), ArticleEnriched.class).version())
                .containsOnly(200L);
    }

    @Test
    void aSecondReportOnTheSameStoryListsTheFirstAsRelatedButNeverItself() {
        // Its own text: the other tests' sports reports are copies of one another, and copies are never related posts.
        ArticleSubmitted first = new ArticleSubmitted(1, newId(), 1, null, null, "https://daily.example/first",
                "Rovers beat City on penalties to reach the cup final",
                "Rovers reached the cup final after beating City in a penalty shootout on Wednesday night. The keeper "
                        + "saved two penalties and the captain scored the winning kick in front of the travelling fans.",
                null, null, null, "en", List.of(), Instant.now(), null, List.of());
        submit(first);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, first.articleId(), 1);
        ArticleSubmitted second = new ArticleSubmitted(1, newId(), 1, null, null, "https://daily.example/second",
                "Rovers fans celebrate penalty shootout win before the cup final",
                "Fans of Rovers celebrated the shootout that took the team into the cup final. The keeper who saved "
                        + "two penalties thanked the fans, and the captain said the final against United will be a great match.",
                null, null, null, "en", List.of(), Instant.now(), null, List.of());

        submit(second);

        ArticleEnriched enriched = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, second.articleId(), 1).value(),
                ArticleEnriched.class);
        assertThat(enriched.relatedPosts()).anySatisfy(post -> {
            assertThat(post.articleId()).isEqualTo(first.articleId());
            assertThat(post.title()).isEqualTo(first.title());
            assertThat(post.score()).isPositive();
            assertThat(post.reasons()).anyMatch(reason -> reason.startsWith("shared terms:"));
        });
        assertThat(enriched.relatedPosts()).noneMatch(post -> post.articleId().equals(second.articleId()));
    }

    @Test
    void anEventOfAnotherPublisherForAStoredArticleIsDeadLetteredAndTheArticleIsLeftAlone() {
        ArticleSubmitted original = sportsReport(newId(), 1, List.of());
        submit(original);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, original.articleId(), 1);
        ArticleSubmitted takeover = new ArticleSubmitted(1, original.articleId(), 2, "other-paper", null, original.url(),
                "Our own headline", "Our own text.", null, null, null, "en", List.of(), Instant.now(), null, List.of());
        ArticleSubmitted withdrawal = withdrawal(original.articleId(), 3, "other-paper");

        submit(takeover);
        submit(withdrawal);

        assertThat(header(awaitRecord(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED), original.articleId(), 2),
                "kafka_dlt-exception-message")).contains("another publisher's");
        assertThat(records(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED), original.articleId()))
                .allSatisfy(dead -> assertThat(header(dead, "kafka_dlt-exception-message")).contains("another publisher's"));
        Document stored = stored(original.articleId());
        assertThat(stored.getString("title")).isEqualTo(original.title());
        assertThat(stored.getString("publisher")).isEqualTo("daily-example");
        assertThat(stored.getBoolean("withdrawn")).isFalse();
        assertThat(records(ArticleTopics.ARTICLE_ENRICHED, original.articleId())).hasSize(1);
    }

    @Test
    void aWithdrawnArticleLeavesOtherArticlesRelatedPostsIsPublishedWithoutItsContentAndALaterVersionReinstatesIt() {
        // Their own story: the other tests' articles would make these copies, and copies are never related posts.
        ArticleSubmitted first = story(newId(), 1, "Ferry crews strike over winter timetable cuts",
                "Ferry crews walked out on Monday over plans to cut winter sailings to the islands. The union said the "
                        + "timetable would leave islanders without a morning crossing, and the operator cancelled every sailing.");
        ArticleSubmitted second = story(newId(), 1, "Islanders stranded as ferry strike cancels sailings",
                "Islanders were stranded on the mainland after the ferry strike cancelled every sailing. Shops on the islands "
                        + "ran short of bread, and the union said crews would strike again unless the winter timetable cuts are dropped.");
        enrichOneAfterTheOther(first, second);

        submit(withdrawal(first.articleId(), 2, "daily-example"));

        ArticleEnriched withdrawn = await().atMost(Duration.ofSeconds(60)).until(
                () -> lastEnriched(first.articleId()), event -> event != null && event.change() == ArticleEnriched.Change.WITHDRAWN);
        assertThat(withdrawn.version()).isEqualTo(2);
        assertThat(withdrawn.withdrawn()).isTrue();
        assertThat(withdrawn.title()).isEqualTo(first.title());
        assertThat(withdrawn.body()).isEmpty();
        assertThat(withdrawn.categories()).isEmpty();
        assertThat(withdrawn.relatedPosts()).isEmpty();
        ArticleEnriched secondUpdated = await().atMost(Duration.ofSeconds(60)).until(() -> lastEnriched(second.articleId()),
                event -> event != null && event.change() == ArticleEnriched.Change.RELATED_POSTS_UPDATED);
        assertThat(secondUpdated.relatedPosts()).noneMatch(post -> post.articleId().equals(first.articleId()));
        // Sent just before it is stored.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(second.articleId())
                .getList("relatedPosts", Document.class)).noneMatch(post -> post.getString("articleId").equals(first.articleId())));
        assertThat(stored(first.articleId()).getBoolean("withdrawn")).isTrue();
        ArticleSubmitted third = story(newId(), 1, "Ferry operator and union meet over strike and timetable cuts",
                "The ferry operator met the crews' union on Wednesday to end the strike over winter timetable cuts. Islanders "
                        + "stranded by the cancelled sailings joined a protest at the harbour while the talks went on.");
        submit(third);
        assertThat(ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, third.articleId(), 1).value(),
                ArticleEnriched.class).relatedPosts()).extracting(post -> post.articleId())
                .contains(second.articleId()).doesNotContain(first.articleId());

        submit(story(first.articleId(), 3, first.title(), first.body()));

        ArticleEnriched reinstated = await().atMost(Duration.ofSeconds(60)).until(() -> lastEnriched(first.articleId()),
                event -> event != null && event.version() == 3);
        assertThat(reinstated.change()).as("new to readers again").isEqualTo(ArticleEnriched.Change.CREATED);
        assertThat(reinstated.withdrawn()).isFalse();
        assertThat(stored(first.articleId()).getBoolean("withdrawn")).isFalse();
    }

    @Test
    void relatedPostsThatAWithdrawalChangedArePublishedWhenTheBrokerRefusesMoreSendsThanRecordsAreRetried() {
        ArticleSubmitted first = story(newId(), 1, "Council votes to close three village libraries",
                "The county council voted on Tuesday to close three village libraries to save money. Readers and librarians "
                        + "protested outside the council chamber, and the library union said the closures would leave children without books.");
        ArticleSubmitted second = story(newId(), 1, "Villagers plan to run the libraries the council votes to close",
                "Villagers angry at the council's vote to close three village libraries plan to run the branches themselves. "
                        + "Librarians, readers and the library union said volunteers could keep books on the shelves for children.");
        enrichOneAfterTheOther(first, second);
        // As many refusals as the record's attempts (max-attempts 3): dead-lettered, if not retried until the broker takes it.
        refuseSendsOf(second.articleId(), ArticleEnriched.Change.RELATED_POSTS_UPDATED, 3);

        submit(withdrawal(first.articleId(), 2, "daily-example"));

        ArticleEnriched secondUpdated = await().atMost(Duration.ofSeconds(60)).until(() -> lastEnriched(second.articleId()),
                event -> event != null && event.change() == ArticleEnriched.Change.RELATED_POSTS_UPDATED);
        assertThat(secondUpdated.relatedPosts()).noneMatch(post -> post.articleId().equals(first.articleId()));
        // Sent just before it is stored.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(second.articleId())
                .getList("relatedPosts", Document.class)).noneMatch(post -> post.getString("articleId").equals(first.articleId())));
        assertThat(records(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED), first.articleId())).isEmpty();
    }

    @Test
    void anEmbargoedArticleIsEnrichedAtOnceButPublishedOnlyWithinASecondOfItsEmbargoEnding() {
        Instant until = Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ArticleSubmitted held = embargoed(sportsReport(newId(), 1, List.of()), until);

        submit(held);

        ConsumerRecord<String, byte[]> announced = awaitRecord(ArticleTopics.ARTICLE_ENRICHED, held.articleId(), 1);
        Instant at = Instant.parse(header(announced, EventHeaders.CE_TIME));
        System.out.printf("embargo: article %s announced %d ms after its embargo ended%n", held.articleId(),
                Duration.between(until, at).toMillis());
        assertThat(at).isBetween(until, until.plusSeconds(1));
        ArticleEnriched event = ArticleEventJson.read(announced.value(), ArticleEnriched.class);
        assertThat(event.change()).isEqualTo(ArticleEnriched.Change.CREATED);
        assertThat(event.embargoedUntil()).isEqualTo(until);
        assertThat(event.enrichedAt()).as("enriched at once").isBefore(until);
        assertThat(event.categories()).isNotEmpty();
        assertThat(records(ArticleTopics.ARTICLE_ENRICHED, held.articleId())).as("nothing before").hasSize(1);
        await("off the schedule once sent").atMost(Duration.ofSeconds(10))
                .until(() -> !stored(held.articleId()).containsKey(ArticleDocument.RELEASE_DUE));
    }

    @Test
    void anEmbargoedArticleWhoseAnnouncementFailsToBeSentIsAnnouncedOnTheNextAttempt() {
        Instant until = Instant.now().plusSeconds(2);
        ArticleSubmitted held = embargoed(sportsReport(newId(), 1, List.of()), until);
        refuseSendsOf(held.articleId(), ArticleEnriched.Change.CREATED, 1);

        submit(held);

        ArticleEnriched announced = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, held.articleId(), 1).value(),
                ArticleEnriched.class);
        assertThat(announced.change()).isEqualTo(ArticleEnriched.Change.CREATED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !stored(held.articleId()).containsKey(ArticleDocument.RELEASE_DUE));
    }

    @Test
    void anEmbargoedArticleIsAnnouncedOnceWhenTakingItOffTheScheduleFailsAfterItsEventWasSent() {
        ArticleSubmitted held = embargoed(sportsReport(newId(), 1, List.of()), Instant.now().plusSeconds(2));
        doThrow(new StoreUnavailableException("MongoDB unavailable", null)).doCallRealMethod()
                .when(store).released(argThat(claim -> claim != null && claim.article().articleId().equals(held.articleId())));

        submit(held);

        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, held.articleId(), 1);
        await("off the schedule").atMost(Duration.ofSeconds(10))
                .until(() -> !stored(held.articleId()).containsKey(ArticleDocument.RELEASE_DUE));
        await("announced once").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receivedNow(ArticleTopics.ARTICLE_ENRICHED, held.articleId()).size() == 1);
    }

    @Test
    void anEditorsCorrectionDuringTheEmbargoOfAnUpdateIsPublishedWithTheUpdate() {
        record CorrectedDuringTheEmbargo(ArticleSubmitted published, ArticleEnriched correctedNow) {
        }
        CorrectedDuringTheEmbargo attempt = duringAnEmbargo(embargo -> {
            ArticleSubmitted published = sportsReport(newId(), 1, List.of());
            submit(published);
            awaitRecord(ArticleTopics.ARTICLE_ENRICHED, published.articleId(), 1);
            Instant until = Instant.now().plus(embargo).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            submit(embargoed(sportsReport(published.articleId(), 2, List.of()), until));
            awaitHeld(published.articleId());

            correct(new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, published.articleId(), List.of("medtop:04000000"),
                    published.publisher(), Instant.now()));

            ConsumerRecord<String, byte[]> next = awaitRecord(ArticleTopics.ARTICLE_ENRICHED, published.articleId(), 2);
            // Its event is sent once both versions are corrected: received before the embargo ends, the release came after.
            return Instant.now().isBefore(until)
                    ? Optional.of(new CorrectedDuringTheEmbargo(published, ArticleEventJson.read(next.value(), ArticleEnriched.class)))
                    : Optional.empty();
        });
        ArticleSubmitted published = attempt.published();
        ArticleEnriched correctedNow = attempt.correctedNow();

        assertThat(correctedNow.change()).isEqualTo(ArticleEnriched.Change.CATEGORIES_CORRECTED);
        assertThat(correctedNow.version()).isEqualTo(1);
        ArticleEnriched released = ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, published.articleId(), 3)
                .value(), ArticleEnriched.class);
        assertThat(released.change()).isEqualTo(ArticleEnriched.Change.NEW_VERSION);
        assertThat(released.version()).isEqualTo(2);
        assertThat(released.categoriesCorrectedAt()).isNotNull();
        assertThat(released.categories()).as("as corrected").filteredOn(category -> category.origin() == CategoryAssignment.Origin.PUBLISHER)
                .extracting(CategoryAssignment::code).contains("medtop:04000000")
                .containsExactlyElementsOf(correctedNow.categories().stream()
                        .filter(category -> category.origin() == CategoryAssignment.Origin.PUBLISHER).map(CategoryAssignment::code).toList());
    }

    @Test
    void anEmbargoedArticleThatCannotBeAnnouncedIsTakenOffTheScheduleAfterItsLastAttempt(CapturedOutput output) {
        ArticleSubmitted held = embargoed(sportsReport(newId(), 1, List.of()), Instant.now().plusSeconds(2));
        doThrow(new IllegalStateException("The event is too large for the broker")).when(events).send(argThat(event -> event != null
                && event.articleId().equals(held.articleId()) && event.change() == ArticleEnriched.Change.CREATED), any());
        double failedBefore = meters.counter("newsflow.embargo.release.failed").count();

        submit(held);

        await("given up").atMost(Duration.ofSeconds(30)).until(() -> Optional.ofNullable(stored(held.articleId()))
                .map(document -> document.containsKey(ArticleDocument.RELEASE_FAILED)).orElse(false));
        Document stored = stored(held.articleId());
        assertThat(stored).doesNotContainKey(ArticleDocument.RELEASE_DUE);
        assertThat(stored.getInteger(ArticleDocument.RELEASE_ATTEMPTS)).isEqualTo(2);
        assertThat(meters.counter("newsflow.embargo.release.failed").count()).isEqualTo(failedBefore + 1);
        assertThat(output.getAll()).containsOnlyOnce("Gave up announcing article " + held.articleId());
        assertThat(receivedNow(ArticleTopics.ARTICLE_ENRICHED, held.articleId())).isEmpty();
    }

    @Test
    void anEmbargoedUpdateOfAPublishedArticleLeavesThePublishedVersionReadableUntilTheEmbargoEnds() {
        record ReadDuringTheEmbargo(ArticleSubmitted published, ArticleSubmitted update, Instant until, Document readable) {
        }
        ReadDuringTheEmbargo attempt = duringAnEmbargo(embargo -> {
            ArticleSubmitted published = sportsReport(newId(), 1, List.of());
            submit(published);
            awaitRecord(ArticleTopics.ARTICLE_ENRICHED, published.articleId(), 1);
            Instant until = Instant.now().plus(embargo).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            ArticleSubmitted update = embargoed(new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, published.articleId(), 2,
                    published.publisher(), null, published.url(), "Late penalty sends United into the cup final against City",
                    published.body(), published.author(), published.source(), published.publishedAt(), "en", List.of(),
                    Instant.now(), published.bodyHtml(), published.photoCredits()), until);

            submit(update);

            awaitHeld(published.articleId());
            Document readable = mongo.getCollection(ArticleDocument.COLLECTION).find(Filters.and(
                    Filters.eq("_id", published.articleId()), ArticleDocument.visibleAt(Instant.now()))).first();
            // Read while the embargo lasts (until the read was answered), or the read shows nothing.
            return Instant.now().isBefore(until)
                    ? Optional.of(new ReadDuringTheEmbargo(published, update, until, readable)) : Optional.empty();
        });
        ArticleSubmitted published = attempt.published();
        ArticleSubmitted update = attempt.update();
        Instant until = attempt.until();

        assertThat(attempt.readable()).as("readable as published").isNotNull();
        assertThat(attempt.readable().getString("title")).isEqualTo(published.title());
        assertThat(attempt.readable().getLong("version")).isEqualTo(1);
        ConsumerRecord<String, byte[]> announced = awaitRecord(ArticleTopics.ARTICLE_ENRICHED, published.articleId(), 2);
        assertThat(Instant.parse(header(announced, EventHeaders.CE_TIME))).isBetween(until, until.plusSeconds(1));
        ArticleEnriched event = ArticleEventJson.read(announced.value(), ArticleEnriched.class);
        assertThat(event.change()).isEqualTo(ArticleEnriched.Change.NEW_VERSION);
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.title()).isEqualTo(update.title());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Document stored = stored(published.articleId());
            assertThat(stored.getString("title")).isEqualTo(update.title());
            assertThat(stored).doesNotContainKeys(ArticleDocument.EMBARGOED_UPDATE, ArticleDocument.RELEASE_DUE);
        });
    }

    @Test
    void anEmbargoThatEndedWhileNoInstanceRanIsAnnouncedFromTheStoredScheduleAndAWithdrawnOneNever() {
        Instant ended = Instant.now().minusSeconds(120);
        ArticleEnriched overdue = dev.newsflow.testsupport.ArticleBuilder.article(newId()).title("Budget figures released")
                .body("The budget adds two billion to schools.").embargoedUntil(ended).change(null).build();
        ArticleSubmitted withdrawnFirst = embargoed(sportsReport(newId(), 1, List.of()), Instant.now().plusSeconds(60));
        submit(withdrawnFirst);
        submit(withdrawal(withdrawnFirst.articleId(), 2, "daily-example"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(withdrawnFirst.articleId()) != null
                && stored(withdrawnFirst.articleId()).getBoolean("withdrawn", false));

        // As stored before a restart, due to be announced while no instance was running.
        mongo.getCollection(ArticleDocument.COLLECTION).insertOne(ArticleDocument.of(overdue)
                .append(ArticleDocument.RELEASE_DUE, java.util.Date.from(ended)));

        assertThat(ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, overdue.articleId(), 1).value(),
                ArticleEnriched.class).change()).isEqualTo(ArticleEnriched.Change.CREATED);
        // Off the schedule: it will never be announced, and its withdrawal was not either.
        assertThat(stored(withdrawnFirst.articleId()).containsKey(ArticleDocument.RELEASE_DUE)).isFalse();
        assertThat(records(ArticleTopics.ARTICLE_ENRICHED, withdrawnFirst.articleId())).isEmpty();
    }

    // What must happen while an embargo lasts is tried under a short one: if this machine was too busy to be done in
    // time, the attempt shows nothing and is made again under one twice as long (instead of one long embargo always).
    private static <T> T duringAnEmbargo(java.util.function.Function<Duration, Optional<T>> attempt) {
        for (Duration embargo = Duration.ofSeconds(2); embargo.compareTo(Duration.ofMinutes(1)) < 0; embargo = embargo.multipliedBy(2)) {
            Optional<T> done = attempt.apply(embargo);
            if (done.isPresent()) {
                return done.get();
            }
            System.out.printf("embargo: %s was too short for this machine, trying a longer one%n", embargo);
        }
        throw new AssertionError("Not done within an embargo of up to a minute");
    }

    // Until the update of article `id` waits under its embargo beside the published version (or was released already).
    private void awaitHeld(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Optional.ofNullable(stored(id))
                .map(document -> document.containsKey(ArticleDocument.EMBARGOED_UPDATE) || document.getLong("version") > 1)
                .orElse(false));
    }

    // Enriches `second` after `first`, which becomes one of its related posts.
    private static void enrichOneAfterTheOther(ArticleSubmitted first, ArticleSubmitted second) {
        submit(first);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, first.articleId(), 1);
        submit(second);
        assertThat(ArticleEventJson.read(awaitRecord(ArticleTopics.ARTICLE_ENRICHED, second.articleId(), 1).value(),
                ArticleEnriched.class).relatedPosts()).extracting(post -> post.articleId()).contains(first.articleId());
    }

    // The first `times` sends of the enriched event of article `id` with `change` fail, as StreamBridge reports a send
    // the broker did not take.
    private void refuseSendsOf(String id, ArticleEnriched.Change change, int times) {
        doThrow(java.util.Collections.nCopies(times, new BrokerUnavailableException("The enriched event of article " + id
                + " was not sent")).toArray(Throwable[]::new))
                .doCallRealMethod()
                .when(events).send(argThat(event -> event != null && event.articleId().equals(id) && event.change() == change), any());
    }

    private static ArticleSubmitted story(String id, long version, String title, String body) {
        return new ArticleSubmitted(1, id, version, "daily-example", null, "https://daily.example/" + id, title, body,
                null, null, null, "en", List.of(), Instant.now(), null, List.of());
    }

    private static ArticleSubmitted withdrawal(String id, long version, String publisher) {
        return new ArticleSubmitted(1, id, version, publisher, null, null, "", "", null, null, null, null, List.of(),
                Instant.now(), null, List.of(), true, null);
    }

    private static ArticleSubmitted embargoed(ArticleSubmitted article, Instant until) {
        return new ArticleSubmitted(1, article.articleId(), article.version(), article.publisher(), article.externalId(),
                article.url(), article.title(), article.body(), article.author(), article.source(), article.publishedAt(),
                article.language(), article.categories(), article.submittedAt(), article.bodyHtml(), article.photoCredits(),
                false, until);
    }

    private static synchronized ArticleEnriched lastEnriched(String id) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        List<ConsumerRecord<String, byte[]>> matching = records(ArticleTopics.ARTICLE_ENRICHED, id);
        return matching.isEmpty() ? null : ArticleEventJson.read(matching.get(matching.size() - 1).value(), ArticleEnriched.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                   | {not json                                                         | Not a valid ArticleSubmitted
            truncated JSON             | {"schemaVersion":1,"articleId":"a","version":1,"title":"T             | Not a valid ArticleSubmitted
            wrong type                 | {"schemaVersion":1,"articleId":"a","version":"yesterday","title":"T","body":"B"} | Not a valid ArticleSubmitted
            no article id              | {"schemaVersion":1,"version":3,"title":"Headline","body":"Text"}  | articleId is required
            no title                   | {"schemaVersion":1,"articleId":"a","version":3,"body":"Text"}     | title is required
            unknown schema version     | {"schemaVersion":9,"articleId":"a","version":3,"title":"T","body":"B"} | schemaVersion 9 is not supported
            """)
    void poisonRecordGoesToTheDeadLetterTopicWithTheReasonAndLaterArticlesOnItsPartitionAreStillEnriched(String kind,
            String value, String reason) {
        String poisonKey = newId();
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, poisonKey, value.getBytes(StandardCharsets.UTF_8)));
        ArticleSubmitted next = sportsReport(newId(), 1, List.of());
        submitOnPartitionOf(poisonKey, next);

        ConsumerRecord<String, byte[]> dead = awaitRecord(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED), poisonKey, 1);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(dead, "kafka_dlt-exception-message")).contains(reason);
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(ArticleTopics.ARTICLE_SUBMITTED);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, next.articleId(), 1);
        assertThat(stored(poisonKey)).isNull();
        assertThat(Actuator.value(metrics(), "newsflow_dlq_records_total", "topic=\"newsflow.articles.submitted\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anEventOfAnotherTypeOnTheSubmittedTopicIsDeadLettered() {
        ArticleSubmitted article = sportsReport(newId(), 1, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, article.articleId(),
                ArticleEventJson.write(article));
        record.headers().add(EventHeaders.CE_TYPE, EventType.ARTICLE_ENRICHED.ceType().getBytes(StandardCharsets.UTF_8));
        producer.send(record);

        ConsumerRecord<String, byte[]> dead = awaitRecord(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED),
                article.articleId(), 1);
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("Unexpected event type");
        assertThat(stored(article.articleId())).isNull();
    }

    @Test
    void enrichedArticlesTheirLatencyAndConsumerLagAreOnThePrometheusEndpoint() {
        ArticleSubmitted article = sportsReport(newId(), 1, List.of());
        submit(article);
        awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 1);

        String metrics = metrics();

        assertThat(Actuator.value(metrics, "newsflow_articles_enriched_total", "outcome=\"enriched\"")).isGreaterThanOrEqualTo(1);
        assertThat(Actuator.value(metrics, "newsflow_enrichment_latency_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(Actuator.value(metrics, "newsflow_enrichment_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("spring_cloud_stream_binder_kafka_offset");
    }

    @Test
    void theTraceOfTheSubmittedRecordContinuesOnTheEnrichedEventAndInTheLog(CapturedOutput log) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ArticleSubmitted article = sportsReport(newId(), 1, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, article.articleId(),
                ArticleEventJson.write(article));
        record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));

        producer.send(record);

        ConsumerRecord<String, byte[]> enriched = awaitRecord(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), 1);
        assertThat(new String(enriched.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(log.getOut()).containsPattern(traceId + ".*Enriched article " + article.articleId());
    }

    @Test
    void readinessReflectsKafkaAndMongo() {
        Actuator.expectReady(http, "binders", "mongo");
    }

    private static ArticleSubmitted sportsReport(String id, long version, List<String> categories) {
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, version, "daily-example", null,
                "https://daily.example/sport/" + id, "Late penalty sends United into the cup final",
                "A penalty in the last minute of the semi-final sent United into the cup final on Saturday. "
                        + "The striker scored from the spot and the goalkeeper could only watch the ball hit the net. "
                        + "The coach praised the team and the fans after the match.",
                "Sam Reporter", "Example Wire", Instant.parse("2026-11-20T18:45:00Z"), "en", categories, Instant.now(),
                "<p>A penalty in the last minute sent United into the cup final.</p>", List.of("Photo: Ann Lens/Example Wire"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    // Beyond WebTestClient's default 256 KB once the corrections' producer has added its Kafka client metrics.
    private String metrics() {
        return Actuator.prometheus(http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build());
    }

    private static void correct(CategoriesCorrected correction) {
        producer.send(CorrectionRecords.of(correction));
    }

    private static void submit(ArticleSubmitted article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, article.articleId(), ArticleEventJson.write(article)));
    }

    // Same partition as keyOnThatPartition, so once this one is enriched the earlier record was processed too.
    private static void submitOnPartitionOf(String keyOnThatPartition, ArticleSubmitted article) {
        int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                keyOnThatPartition.getBytes(StandardCharsets.UTF_8))) % producer.partitionsFor(ArticleTopics.ARTICLE_SUBMITTED).size();
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, partition, article.articleId(), ArticleEventJson.write(article)));
    }

    private Document stored(String id) {
        return mongo.getCollection(ArticleDocument.COLLECTION).find(Filters.eq("_id", id)).first();
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
        return matching.get(matching.size() - 1);
    }

    private static synchronized List<ConsumerRecord<String, byte[]>> receivedNow(String topic, String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return records(topic, key);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    private static String newId() {
        return "article-" + UUID.randomUUID();
    }

}
