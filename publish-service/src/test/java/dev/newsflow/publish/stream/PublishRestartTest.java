package dev.newsflow.publish.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.ArticleEventJson;
import dev.newsflow.events.ArticleTopics;
import dev.newsflow.publish.PublishApplication;
import dev.newsflow.testsupport.ArticleBuilder;
import dev.newsflow.testsupport.InfrastructureInitializer;
import dev.newsflow.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20 §3: publish-service stopped while articles are enriched, then started again; a client that resumes with
 * the id of the last event it received gets every article exactly once, the ones enriched while no instance ran
 * included. Against the shared (in-process) broker and MongoDB endpoint, with the whole application started twice
 * on one database and one event-log consumer group, as a restarted instance would be. Also: an instance with open
 * streams stops promptly, ending them.
 */
class PublishRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String group = "publish-restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String marker = "Restart" + UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        producer.close();
    }

    @Test
    void aClientResumingAfterARestartGetsEveryArticleOnceIncludingThoseEnrichedWhileItWasDown() {
        ConfigurableApplicationContext first = start();
        Queue<ServerSentEvent<String>> beforeStop = new ConcurrentLinkedQueue<>();
        Disposable reading = stream(first, null).subscribe(beforeStop::add);
        // Live from the head the instance knew when the stream opened: probes show when that was.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(article("Probe"));
            return !articleIds(beforeStop).isEmpty();
        });
        List<ArticleEnriched> beforeTheStop = articles("Before", 3);
        beforeTheStop.forEach(this::publish);
        await().atMost(Duration.ofSeconds(30)).until(() -> articleIds(beforeStop).containsAll(ids(beforeTheStop)));
        reading.dispose();
        String lastEventId = lastId(beforeStop);
        first.close();

        List<ArticleEnriched> whileDown = articles("While down", 5);
        whileDown.forEach(this::publish);
        producer.flush();
        ConfigurableApplicationContext restarted = start();
        Queue<ServerSentEvent<String>> afterRestart = new ConcurrentLinkedQueue<>();
        Disposable resumed = stream(restarted, lastEventId).subscribe(afterRestart::add);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> articleIds(afterRestart).containsAll(ids(whileDown)));
            List<ArticleEnriched> afterTheRestart = articles("After", 2);
            afterTheRestart.forEach(this::publish);
            await().atMost(Duration.ofSeconds(30)).until(() -> articleIds(afterRestart).containsAll(ids(afterTheRestart)));

            List<String> everything = new ArrayList<>(articleIds(beforeStop));
            everything.addAll(articleIds(afterRestart));
            assertThat(everything).as("every article over both connections").doesNotHaveDuplicates()
                    .containsAll(ids(beforeTheStop)).containsAll(ids(whileDown)).containsAll(ids(afterTheRestart));
            assertThat(articleIds(afterRestart)).as("nothing the client had before the stop").doesNotContainAnyElementsOf(ids(beforeTheStop));
        }
        finally {
            resumed.dispose();
        }
    }

    @Test
    void stoppingAnInstanceEndsItsOpenStreamsSoThatItStopsWithinSeconds() {
        ConfigurableApplicationContext instance = start();
        Queue<ServerSentEvent<String>> received = new ConcurrentLinkedQueue<>();
        StepVerifier stream = StepVerifier.create(stream(instance, null).doOnNext(received::add))
                .thenConsumeWhile(event -> true)
                .expectComplete()
                .verifyLater();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(article("Probe"));
            return !articleIds(received).isEmpty();
        });

        long stopping = System.nanoTime();
        instance.close();

        // Less than the graceful shutdown's 30 s, which an endless response would wait out (a few seconds on a quiet
        // machine; the margin is for a loaded one, where stopping the binder and the context alone can take 10 s).
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(25));
        stream.verify(Duration.ofSeconds(5));
    }

    // The whole service, on this test's database and event-log group (command-line arguments win over application.yml).
    private ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.cloud.stream.bindings.articleFeed-in-0.group=" + group,
                "--newsflow.publish.stream.heartbeat=1s"));
        InfrastructureInitializer.properties(database).forEach((name, value) -> arguments.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PublishApplication.class).run(arguments.toArray(String[]::new));
        instances.add(context);
        return context;
    }

    private Flux<ServerSentEvent<String>> stream(ConfigurableApplicationContext instance, String lastEventId) {
        return WebClient.create("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
                .get().uri("/api/articles/stream?keyword={marker}", marker)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { });
    }

    private void publish(ArticleEnriched article) {
        producer.send(new ProducerRecord<>(ArticleTopics.ARTICLE_ENRICHED, article.articleId(), ArticleEventJson.write(article)));
    }

    private List<ArticleEnriched> articles(String title, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> article(title + " " + i)).toList();
    }

    private ArticleEnriched article(String title) {
        return ArticleBuilder.article("article-" + UUID.randomUUID()).title(title + " " + marker).body("Body").build();
    }

    private static List<String> ids(List<ArticleEnriched> articles) {
        return articles.stream().map(ArticleEnriched::articleId).toList();
    }

    private static List<String> articleIds(Queue<ServerSentEvent<String>> events) {
        return events.stream().filter(event -> "article".equals(event.event()))
                .map(event -> JSON.readTree(event.data()).get("id").asString())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static String lastId(Queue<ServerSentEvent<String>> events) {
        return events.stream().filter(event -> event.id() != null).map(ServerSentEvent::id)
                .reduce((earlier, later) -> later).orElseThrow();
    }
}
