package dev.newsflow.publish.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.newsflow.testsupport.KafkaAndMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * A test of publish's HTTP API against the shared broker and database. Every class that carries it runs in the same
 * Spring context (the test context cache), started once per test JVM: tests tell their articles apart by unique ids,
 * publishers or keywords, never by an empty database or topic. Publishers {@code daily-example} and
 * {@code other-paper} have the keys {@code test-key-daily-example} and {@code test-key-other-paper}. A class that
 * needs other settings (no MongoDB) or a database of its own (BrowserReadersTest: in this one, its stored article did
 * not reach the live page's list within 30 s) declares its own {@code @SpringBootTest} and gets a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // SHA-256 of "test-key-daily-example" and "test-key-other-paper"
        "newsflow.publish.api-keys=daily-example=c2b45062290f3665e4db748cc11148f3ac80695363d0711cb8d7ffc724660661,"
                + "other-paper=43ce4132a57ac5df2fad11c972d8a0c44c8a421085dc5dcb93b443d152087e3e",
        // Heartbeats soon, so that the stream test sees one within seconds.
        "newsflow.publish.stream.heartbeat=300ms",
        "newsflow.publish.category-counts.refresh=2s"})
@AutoConfigureWebTestClient
@KafkaAndMongo
@Import(RecordedCommands.class)
@interface PublishApiContext {
}
