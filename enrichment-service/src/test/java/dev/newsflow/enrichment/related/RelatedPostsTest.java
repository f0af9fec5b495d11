package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.store.ArticleStore;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.events.RelatedPost;
import dev.newsflow.testsupport.KafkaAndMongo;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

/** Related posts, the reverse update, copies, stories and the index rebuild, through Kafka and MongoDB. */
// IPTC topics are not what this class tests (ArticleEnrichmentTest runs them with the embedding model): words only,
// which spares the model's start-up and its ~0.1 s per article.
@SpringBootTest(properties = "newsflow.enrichment.categories.embeddings=false")
@KafkaAndMongo
@DirtiesContext
class RelatedPostsTest {

    private static final Instant NOON = Instant.now().minus(Duration.ofDays(1));
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ArticleEnriched> received = new ArrayList<>();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ArticleStore store;

    @Autowired
    ArticleText text;

    @Autowired
    EnrichmentProperties properties;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "related-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(ArticleTopics.ARTICLE_ENRICHED));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void aLaterReportOfTheSameStoryIsRelatedBothWaysAndSharesTheStory() {
        ArticleSubmitted first = article(Story.BRIDGE, 0, "city-gazette");
        ArticleSubmitted unrelated = article(Story.VACCINE, 0, "city-gazette");
        submit(first);
        submit(unrelated);
        ArticleEnriched firstEnriched = awaitEnriched(first.articleId(), ArticleEnriched.Change.CREATED);
        awaitEnriched(unrelated.articleId(), ArticleEnriched.Change.CREATED);

        ArticleSubmitted second = article(Story.BRIDGE, 1, "morning-herald");
        submit(second);

        ArticleEnriched secondEnriched = awaitEnriched(second.articleId(), ArticleEnriched.Change.CREATED);
        assertThat(secondEnriched.relatedPosts()).extracting(RelatedPost::articleId).containsExactly(first.articleId());
        RelatedPost post = secondEnriched.relatedPosts().get(0);
        assertThat(post.title()).isEqualTo(first.title());
        assertThat(post.score()).isBetween(0.4, 1.0);
        assertThat(post.reasons()).anyMatch(reason -> reason.startsWith("shared terms: ") && reason.contains("bridge"))
                .contains("same story");
        assertThat(firstEnriched.storyId()).isEqualTo(first.articleId());
        assertThat(secondEnriched.storyId()).isEqualTo(first.articleId());
        assertThat(secondEnriched.keywords()).contains("bridg");
        assertThat(secondEnriched.keywordWeights()).containsKey("bridg");
        assertThat(secondEnriched.keyPhrases()).contains("river bridge");

        // Weaker posts may follow (later articles of other tests fill the list), but the same story comes first.
        ArticleEnriched refreshed = awaitEnriched(first.articleId(), ArticleEnriched.Change.RELATED_POSTS_UPDATED);
        assertThat(refreshed.relatedPosts()).extracting(RelatedPost::articleId).first().isEqualTo(second.articleId());
        assertThat(refreshed.version()).isEqualTo(first.version());
        assertThat(stored(first.articleId()).getList("relatedPosts", Document.class))
                .extracting(related -> related.getString("articleId")).first().isEqualTo(second.articleId());
    }

    @Test
    void aSyndicatedCopyIsMarkedAndKeptOutOfRelatedPosts() {
        ArticleSubmitted original = article(Story.FLOOD, 0, "wire-service");
        submit(original);
        awaitEnriched(original.articleId(), ArticleEnriched.Change.CREATED);
        ArticleSubmitted copy = copyOf(original, "evening-post");
        submit(copy);
        ArticleEnriched copyEnriched = awaitEnriched(copy.articleId(), ArticleEnriched.Change.CREATED);

        ArticleSubmitted followUp = article(Story.FLOOD, 1, "metro-news");
        submit(followUp);

        assertThat(copyEnriched.duplicateOf()).isEqualTo(original.articleId());
        assertThat(copyEnriched.storyId()).isEqualTo(original.articleId());
        assertThat(copyEnriched.relatedPosts()).extracting(RelatedPost::articleId).doesNotContain(original.articleId());
        ArticleEnriched followUpEnriched = awaitEnriched(followUp.articleId(), ArticleEnriched.Change.CREATED);
        assertThat(followUpEnriched.duplicateOf()).isNull();
        assertThat(followUpEnriched.relatedPosts()).extracting(RelatedPost::articleId)
                .contains(original.articleId()).doesNotContain(copy.articleId());
        assertThat(stored(copy.articleId()).getString("duplicateOf")).isEqualTo(original.articleId());
    }

    @Test
    void aRestartedInstanceRebuildsItsIndexFromMongoDb() {
        ArticleSubmitted first = article(Story.STRIKE, 0, "national-times");
        submit(first);
        awaitEnriched(first.articleId(), ArticleEnriched.Change.CREATED);

        RelatedPosts restarted = new RelatedPosts(text, store, properties);
        try {
            ArticleSubmitted second = article(Story.STRIKE, 1, "the-courier");
            RelatedPosts.Relation relation = restarted.relate(second.articleId(), second.title(), second.body(), second.url(),
                    second.publishedAt(), List.of(), text.analyse(second.title(), second.body()));

            assertThat(relation.relations().relatedPosts()).extracting(RelatedPost::articleId).contains(first.articleId());
            assertThat(relation.relations().storyId()).isEqualTo(first.articleId());
        }
        finally {
            restarted.destroy();
        }
    }

    private enum Story {
        BRIDGE("River bridge closes after cracks found in its main span",
                "Engineers closed the old river bridge on Tuesday after inspectors found cracks in its main steel span. "
                        + "Traffic across the river bridge was diverted through the harbour tunnel, and commuters faced long "
                        + "queues. The council said the bridge would stay shut until engineers finish a full structural survey.",
                "Cracked river bridge to stay shut for weeks, engineers say",
                "The river bridge will remain closed for several weeks while engineers repair the cracked steel span, the "
                        + "council said. Inspectors first spotted the cracks during a routine survey of the bridge. Commuters "
                        + "were told to use the harbour tunnel, where queues stretched for miles on the first morning."),
        VACCINE("Clinics open for the winter flu vaccine",
                "Family doctors and pharmacies began offering the winter flu vaccine to older patients on Monday. Health "
                        + "officials urged people over sixty-five and those with chronic illness to book an appointment early, "
                        + "before the virus spreads through schools and care homes.",
                null, null),
        FLOOD("Flood defences hold as storm surge hits the coast",
                "Flood defences along the eastern coast held overnight as a storm surge pushed sea levels to a record high. "
                        + "Emergency crews evacuated two low-lying villages as a precaution, and the coastguard warned people to "
                        + "stay away from sea walls. Forecasters expect the storm to weaken by Thursday afternoon.",
                "Villagers return home after storm surge spares the coast",
                "Residents of two coastal villages returned home on Thursday after the flood defences withstood the storm "
                        + "surge. The coastguard lifted its warning as the storm weakened, and emergency crews began clearing "
                        + "debris from the sea walls. Officials said the record sea levels tested defences built ten years ago."),
        STRIKE("Rail workers announce a national strike over pay",
                "Rail workers will walk out for three days next month after talks over pay collapsed, their union announced. "
                        + "The rail strike would halt most trains across the country. Operators said they would run a reduced "
                        + "timetable and urged passengers to check before travelling during the strike.",
                "Rail strike talks resume as union and operators meet",
                "The rail union and train operators returned to talks on Friday in a bid to avert next month's national "
                        + "strike over pay. Passengers face three days without most trains if the walkout goes ahead. Both "
                        + "sides said the rail talks were constructive but no deal on pay has been reached yet.");

        private final String[] titles;
        private final String[] bodies;

        Story(String title, String body, String laterTitle, String laterBody) {
            this.titles = new String[] {title, laterTitle};
            this.bodies = new String[] {body, laterBody};
        }
    }

    private static ArticleSubmitted article(Story story, int report, String publisher) {
        String id = "article-" + UUID.randomUUID();
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, 1, publisher, id, "https://" + publisher + ".example/" + id,
                story.titles[report], story.bodies[report], null, null, NOON.plus(Duration.ofHours(report * 5L)), "en",
                List.of("News"), Instant.now(), null, List.of());
    }

    private static ArticleSubmitted copyOf(ArticleSubmitted original, String publisher) {
        String id = "article-" + UUID.randomUUID();
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, 1, publisher, id, null,
                "Storm surge: coastal defences hold", original.body() + "\n\nThis story was provided by a news agency.",
                null, null, original.publishedAt().plus(Duration.ofMinutes(30)), "en", List.of(), Instant.now(), null, List.of());
    }

    private static void submit(ArticleSubmitted article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_SUBMITTED, article.articleId(), ArticleEventJson.write(article)));
    }

    private Document stored(String id) {
        return mongo.getCollection(ArticleDocument.COLLECTION).find(Filters.eq("_id", id)).first();
    }

    private static synchronized ArticleEnriched awaitEnriched(String articleId, ArticleEnriched.Change change) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200))
                    .forEach(record -> received.add(ArticleEventJson.read(record.value(), ArticleEnriched.class)));
            return received.stream().anyMatch(event -> event.articleId().equals(articleId) && event.change() == change);
        });
        return received.stream().filter(event -> event.articleId().equals(articleId) && event.change() == change)
                .reduce((first, second) -> second).orElseThrow();
    }
}
