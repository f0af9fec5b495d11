package dev.newsflow.ingest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.newsflow.testsupport.KafkaAndMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A test of ingest's HTTP API against the shared broker and database. Every class that carries it runs in the same
 * Spring context (the test context cache), started once per test JVM: tests tell their articles apart by unique
 * external ids, never by an empty topic or database. Publishers {@code daily-example} and {@code other-paper} have
 * the keys {@code test-key-daily-example} and {@code test-key-other-paper}. A class that needs other settings (a
 * tight rate limit) declares its own {@code @SpringBootTest} and gets a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        // SHA-256 of "test-key-daily-example" and "test-key-other-paper"
        "newsflow.ingest.api-keys=daily-example=c2b45062290f3665e4db748cc11148f3ac80695363d0711cb8d7ffc724660661,"
                + "other-paper=43ce4132a57ac5df2fad11c972d8a0c44c8a421085dc5dcb93b443d152087e3e")
// Well over the 5 s default: on a shared two-core machine a cold context's first answers can take that long.
@AutoConfigureWebTestClient(timeout = "PT30S")
@KafkaAndMongo
// The real reader, watched by ReadingThreadTest: declared here so that watching it needs no context of its own.
@MockitoSpyBean(types = SubmissionReader.class)
@interface IngestApiTest {
}
