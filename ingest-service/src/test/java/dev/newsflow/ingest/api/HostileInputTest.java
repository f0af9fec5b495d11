package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No input may produce a 500: malformed, truncated, deeply nested, wrong-typed and oversized bodies are thrown at
 * every submission endpoint and each must be answered with a 4xx problem+json.
 */
@IngestApiTest
class HostileInputTest {

    private static final String VALID = "{\"title\":\"Storm closes the coast road\",\"body\":\"Heavy rain closed the road.\"}";

    @Autowired
    WebTestClient anonymous;

    WebTestClient http;

    @BeforeEach
    void authenticate() {
        http = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ArticleSubmissionTest.DAILY_EXAMPLE_KEY)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1 << 20)).build();
    }

    static Stream<Arguments> hostileBodies() {
        List<Arguments> bodies = new ArrayList<>();
        bodies.add(Arguments.of("empty", new byte[0], 400));
        bodies.add(Arguments.of("malformed", bytes("{title: Storm"), 400));
        bodies.add(Arguments.of("truncated", bytes(VALID.substring(0, VALID.length() / 2)), 400));
        bodies.add(Arguments.of("trailing garbage", bytes(VALID + "}}}"), 400));
        bodies.add(Arguments.of("JSON null", bytes("null"), 400));
        bodies.add(Arguments.of("JSON array", bytes("[" + VALID + "]"), 400));
        bodies.add(Arguments.of("JSON string", bytes("\"an article\""), 400));
        bodies.add(Arguments.of("JSON number", bytes("42"), 400));
        bodies.add(Arguments.of("deeply nested arrays", bytes("[".repeat(100_000)), 400));
        bodies.add(Arguments.of("deeply nested objects in a field",
                bytes("{\"title\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",\"body\":\"x\"}"), 400));
        bodies.add(Arguments.of("title is a number", bytes("{\"title\":5,\"body\":\"Text\"}"), 400));
        bodies.add(Arguments.of("title is an object", bytes("{\"title\":{\"en\":\"T\"},\"body\":\"Text\"}"), 400));
        bodies.add(Arguments.of("body is an array", bytes("{\"title\":\"T\",\"body\":[\"a\",\"b\"]}"), 400));
        bodies.add(Arguments.of("categories is a string", bytes("{\"title\":\"T\",\"body\":\"B\",\"categories\":\"World\"}"), 400));
        bodies.add(Arguments.of("categories hold objects", bytes("{\"title\":\"T\",\"body\":\"B\",\"categories\":[{}]}"), 400));
        bodies.add(Arguments.of("publishedAt is not a date", bytes("{\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"yesterday\"}"), 400));
        bodies.add(Arguments.of("publishedAt is an array", bytes("{\"title\":\"T\",\"body\":\"B\",\"publishedAt\":[2026,11,25]}"), 400));
        bodies.add(Arguments.of("url is not http", bytes("{\"title\":\"T\",\"body\":\"B\",\"url\":\"javascript:alert(1)\"}"), 400));
        bodies.add(Arguments.of("url is garbage", bytes("{\"title\":\"T\",\"body\":\"B\",\"url\":\"http://[::1\"}"), 400));
        bodies.add(Arguments.of("invalid UTF-8", new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}'}, 400));
        bodies.add(Arguments.of("NUL bytes", bytes("{\"title\":\"T\u0000\",\"body\":\"\u0000\"}"), 400));
        bodies.add(Arguments.of("title over 1,000 characters", bytes("{\"title\":\"" + "t".repeat(1_001) + "\",\"body\":\"B\"}"), 400));
        bodies.add(Arguments.of("body over 1 MB", bytes("{\"title\":\"T\",\"body\":\"" + "b".repeat(1_048_577) + "\"}"), 400));
        bodies.add(Arguments.of("request over 16 MB", bytes("{\"title\":\"T\",\"body\":\"" + "b".repeat(17 << 20) + "\"}"), 413));
        return bodies.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileJsonBodyIsAnsweredWithAProblemNeverA500(String kind, byte[] body, int expectedStatus) {
        EntityExchangeResult<byte[]> answer = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectBody().returnResult();

        assertThat(answer.getStatus().value()).as(kind).isEqualTo(expectedStatus);
        assertThat(answer.getResponseHeaders().getContentType()).as(kind).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("\"status\":" + expectedStatus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileNinjsBodyIsAnsweredWithAProblemNeverA500(String kind, byte[] body, int expectedStatus) {
        EntityExchangeResult<byte[]> answer = http.post().uri("/api/articles").contentType(MediaType.valueOf("application/ninjs+json"))
                .bodyValue(body).exchange().expectBody().returnResult();

        assertThat(answer.getStatus().value()).as(kind).isEqualTo(expectedStatus);
        assertThat(answer.getResponseHeaders().getContentType()).as(kind).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileBatchLineIsRejectedNeverAcceptedOrA500(String kind, byte[] body, int expectedStatus) {
        EntityExchangeResult<byte[]> answer = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(body).exchange().expectBody().returnResult();

        if (expectedStatus == 413) {
            assertThat(answer.getStatus().value()).as(kind).isEqualTo(413);
            return;
        }
        if (answer.getStatus().value() == 400) {
            // Nothing to answer line by line (an empty body): one problem for the request.
            assertThat(answer.getResponseHeaders().getContentType()).as(kind).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            return;
        }
        assertThat(answer.getStatus().value()).as(kind).isEqualTo(200);
        String lines = answer.getResponseBody() == null ? "" : new String(answer.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(lines.lines().toList()).as(kind).allSatisfy(line -> assertThat(line).contains("\"status\":\"rejected\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileBodyOfAnUnsupportedTypeIsA415(String kind, byte[] body, int expectedStatus) {
        EntityExchangeResult<byte[]> answer = http.post().uri("/api/articles").contentType(MediaType.APPLICATION_XML)
                .bodyValue(body).exchange().expectBody().returnResult();

        assertThat(answer.getStatus().value()).as(kind).isIn(415, 413);
        assertThat(answer.getResponseHeaders().getContentType()).as(kind).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
