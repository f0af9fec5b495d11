package dev.newsflow.ingest.api;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsflow.events.ArticleSubmitted;
import dev.newsflow.ingest.IngestProperties;
import dev.newsflow.ingest.publishing.ArticlePublisher;
import dev.newsflow.ingest.security.PublisherAuthentication;
import dev.newsflow.ingest.versions.ArticleVersions;
import dev.newsflow.ingest.versions.ContentHash;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/articles}: one article as native JSON or ninjs, or a batch as NDJSON. An article is accepted
 * only once Kafka acknowledged it.
 */
@RestController
@RequestMapping("/api/articles")
class ArticleController {

    /** IPTC ninjs, as a media type. */
    static final String NINJS_JSON = "application/ninjs+json";
    private static final MediaType NINJS = MediaType.valueOf(NINJS_JSON);
    /** Most articles one NDJSON request may carry. */
    static final int BATCH_LIMIT = 10_000;
    /** Lines of a batch read, judged and sent together. */
    private static final int BATCH_CHUNK = 500;
    private static final Duration CHUNK_WAIT = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(ArticleController.class);
    private final ArticlePublisher publisher;
    private final ArticleVersions versions;
    private final SubmissionReader reader;
    private final PageSubmissions pages;
    private final IngestProperties properties;
    private final PageProperties pageProperties;
    private final JsonMapper json;
    private final ObjectWriter lineResults;
    private final Clock clock = Clock.systemUTC();

    ArticleController(ArticlePublisher publisher, ArticleVersions versions, SubmissionReader reader, PageSubmissions pages,
            IngestProperties properties, PageProperties pageProperties, JsonMapper json) {
        this.publisher = publisher;
        this.versions = versions;
        this.reader = reader;
        this.pages = pages;
        this.properties = properties;
        this.pageProperties = pageProperties;
        this.json = json;
        this.lineResults = json.writerFor(LineResult.class);
    }

    /**
     * Accepts one article, native or ninjs (declared by its media type, or recognised by its fields): {@code 202}
     * with its id and new version, or {@code 200} with status {@code duplicate} if that content was accepted
     * before (nothing is published again).
     */
    @Operation(summary = "Submit an article, a whole page or a batch",
            description = "One article as native JSON, or IPTC ninjs 2.x/3.x (declared as application/ninjs+json or "
                    + "recognised by its fields), answered 202/200 as below. Or a whole page, up to 5 MB: text/html, a "
                    + "publisher's article page as fetched (headline from JSON-LD, og:title or <h1>; author, publication "
                    + "time, canonical URL, section and categories from its metadata; the story without navigation, "
                    + "related boxes, newsletter prompts or cookie text), or text/plain, a page's text as a reader copies "
                    + "it (headline on the first line; byline, date, \"Source:\" and \"Categories:\" lines before or "
                    + "after the story). Pages are UTF-8 unless the Content-Type names a charset (HTML: or its <meta>); "
                    + "a page with a canonical URL keeps one id, so resending it is a duplicate or a newer version. "
                    + "Or a batch as NDJSON, one article per line, up "
                    + "to 10,000: answered 200 with one application/x-ndjson result line per input line, in order "
                    + "({\"line\", \"status\": accepted|duplicate|rejected|unavailable, \"id\", \"version\", \"detail\", "
                    + "\"errors\"}).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ArticleSubmission.class),
                    examples = @ExampleObject(name = "article", value = ApiExamples.ARTICLE)),
            @Content(mediaType = NINJS_JSON, examples = @ExampleObject(name = "ninjs", value = ApiExamples.NINJS)),
            @Content(mediaType = MediaType.TEXT_HTML_VALUE, examples = @ExampleObject(name = "article page", value = ApiExamples.PAGE_HTML)),
            @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, examples = @ExampleObject(name = "copied page text", value = ApiExamples.PAGE_TEXT)),
            @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, examples = @ExampleObject(name = "batch", value = ApiExamples.BATCH))})
    @ApiResponse(responseCode = "202", description = "Accepted: Kafka acknowledged it",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "200", description = "One article: a duplicate of content accepted before, nothing is "
            + "published. A batch: the result lines", content = {@Content(schema = @Schema(implementation = Accepted.class)),
                    @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(implementation = LineResult.class))})
    @ApiResponse(responseCode = "400", description = "Invalid or malformed article; the problem names each field. A page: "
            + "empty, no headline found, no article text, or bytes that are not UTF-8 (or not the charset named)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "413", description = "Request over 16 MB, or a page over 5 MB",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "415", description = "Not JSON, ninjs, NDJSON, text/html or text/plain; or a charset this "
            + "service cannot read",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "429", description = "Over the publisher's rate limit; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge within 5 s; not accepted, retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, NINJS_JSON}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> submit(@RequestBody Mono<JsonNode> document,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestAttribute(PublisherAuthentication.PUBLISHER) String publisherName) {
        return document
                // Reading an article is CPU work (the body's HTML parsed and cleaned): not on the thread that serves the socket.
                .publishOn(Schedulers.parallel())
                .map(json -> reader.read(json, NINJS.includes(contentType)))
                .flatMap(submission -> answer(publish(submission, publisherName)));
    }

    /**
     * Accepts a whole page: an article page as fetched ({@code text/html}) or its text as a reader copies it
     * ({@code text/plain}), read into an article (see {@link PageSubmissions}) and answered as {@link #submit} answers.
     */
    // Documented with submit(): OpenAPI has one operation per path and method.
    @Operation(hidden = true)
    @PostMapping(consumes = {MediaType.TEXT_HTML_VALUE, MediaType.TEXT_PLAIN_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> submitPage(@RequestBody Flux<DataBuffer> page,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestAttribute(PublisherAuthentication.PUBLISHER) String publisherName) {
        return DataBufferUtils.join(page, (int) pageProperties.maxSize().toBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                // Reading a page is CPU work (parsing, Readability's scoring): not on the thread that serves the socket.
                .publishOn(Schedulers.parallel())
                .map(bytes -> pages.read(bytes, contentType))
                .flatMap(submission -> answer(publish(submission, publisherName)));
    }

    private Mono<ResponseEntity<Accepted>> answer(Mono<Accepted> published) {
        return published.map(outcome -> (outcome.duplicate() ? ResponseEntity.ok() : ResponseEntity.accepted())
                .location(properties.articleBaseUrl().resolve(outcome.id()))
                .body(outcome));
    }

    /**
     * Accepts a batch: one article (native or ninjs) per line, read as it streams in, answered with one result
     * line per input line, in order: {@code accepted}, {@code duplicate} (that content was accepted before),
     * {@code rejected} (with the reason; fix and resend that line) or {@code unavailable} (Kafka did not
     * acknowledge; resend that line later). Blank lines are skipped.
     */
    // Documented with submit(): OpenAPI has one operation per path and method.
    @Operation(hidden = true)
    @PostMapping(consumes = MediaType.APPLICATION_NDJSON_VALUE, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<byte[]> submitBatch(@RequestBody Flux<DataBuffer> body,
            @RequestAttribute(PublisherAuthentication.PUBLISHER) String publisherName) {
        return NdjsonLines.split(body, (int) properties.maxRequestSize().toBytes()).index()
                .filter(line -> !NdjsonLines.isBlank(line.getT2()))
                // Chunks of up to 500 lines, or what arrived within 20 ms: answers flow while the body still streams.
                .bufferTimeout(BATCH_CHUNK, CHUNK_WAIT, true)
                // Reading a chunk is CPU work, done on a worker one chunk ahead, while the chunk before waits for
                // MongoDB and Kafka (and not on the threads that deliver their answers).
                .publishOn(Schedulers.parallel(), 2)
                .map(chunk -> read(chunk, publisherName))
                // A line over the limit fails the body: the chunk in flight (perhaps already on Kafka) and the ones read
                // ahead are still answered before the rejection, so that every accepted line is answered.
                .concatMapDelayError(chunk -> submitChunk(chunk, publisherName), false, 1)
                .onErrorResume(DataBufferLimitException.class, ex -> Mono.just(List.of(new LineResult(null, "rejected", null,
                        null, "A line is over " + properties.maxRequestSize().toMegabytes()
                                + " MB: the lines after the last answered one were not read", null))))
                // A chunk's answers are written together: written one by one, each line was flushed on its own.
                .map(this::ndjson);
    }

    private byte[] ndjson(List<LineResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(results.size() * 96);
        for (LineResult result : results) {
            lineResults.writeValue(out, result);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A chunk of batch lines, read and checked: the rejected ones already answered. */
    private record ReadChunk(List<Tuple2<Long, byte[]>> chunk, Instant now, LineResult[] results, List<Integer> valid,
            List<SubmissionReader.Submission> submissions, List<ArticleVersions.Submission> judged) {
    }

    private ReadChunk read(List<Tuple2<Long, byte[]>> chunk, String publisherName) {
        Instant now = Instant.now(clock);
        LineResult[] results = new LineResult[chunk.size()];
        List<Integer> valid = new ArrayList<>();
        List<SubmissionReader.Submission> submissions = new ArrayList<>();
        List<ArticleVersions.Submission> judged = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            long number = chunk.get(i).getT1() + 1;
            if (number > BATCH_LIMIT) {
                results[i] = LineResult.rejected(number, "A batch may carry at most " + BATCH_LIMIT + " articles", null);
                continue;
            }
            try {
                SubmissionReader.Submission submission = reader.read(chunk.get(i).getT2());
                judged.add(judged(submission, publisherName, now));
                valid.add(i);
                submissions.add(submission);
            }
            catch (JacksonException ex) {
                results[i] = LineResult.rejected(number, "Not valid JSON: " + ex.getOriginalMessage(), null);
            }
            catch (InvalidSubmissionException ex) {
                results[i] = LineResult.rejected(number, "Invalid article: " + ex.getMessage(), ex.errors());
            }
        }
        return new ReadChunk(chunk, now, results, valid, submissions, judged);
    }

    /**
     * One chunk of a batch: one ledger query for the chunk, all its articles sent together (in line order), one
     * ledger write; answers in line order. Chunks go through this one after the other, so that an article repeated
     * in a later chunk is judged against the earlier one.
     */
    private Mono<List<LineResult>> submitChunk(ReadChunk read, String publisherName) {
        List<Tuple2<Long, byte[]>> chunk = read.chunk();
        Instant now = read.now();
        LineResult[] results = read.results();
        List<Integer> valid = read.valid();
        List<SubmissionReader.Submission> submissions = read.submissions();
        List<ArticleVersions.Submission> judged = read.judged();
        return versions.decideAll(judged, now).flatMap(decisions -> {
            List<ArticleSubmitted> events = new ArrayList<>();
            List<Integer> sent = new ArrayList<>();
            for (int k = 0; k < valid.size(); k++) {
                int i = valid.get(k);
                ArticleVersions.Decision decision = decisions.get(k);
                String id = decision.articleId();
                if (decision.duplicate()) {
                    results[i] = new LineResult(chunk.get(i).getT1() + 1, "duplicate", id, decision.version(), null, null);
                }
                else {
                    events.add(toEvent(submissions.get(k), publisherName, id, decision.version(), now));
                    sent.add(k);
                }
            }
            return publisher.publishInOrder(events).flatMap(acknowledged -> {
                Map<String, ArticleVersions.Accepted> accepted = new LinkedHashMap<>();
                for (int e = 0; e < events.size(); e++) {
                    int k = sent.get(e);
                    int i = valid.get(k);
                    long number = chunk.get(i).getT1() + 1;
                    ArticleSubmitted event = events.get(e);
                    if (acknowledged.get(e)) {
                        results[i] = new LineResult(number, "accepted", event.articleId(), event.version(), null, null);
                        accepted.put(event.articleId(), new ArticleVersions.Accepted(judged.get(k).hash(),
                                event.version(), decisions.get(k).first(), publisherName));
                    }
                    else {
                        results[i] = new LineResult(number, "unavailable", null, null,
                                "Kafka did not acknowledge the article; send this line again later", null);
                    }
                }
                log.info("Batch chunk of {} lines: {} accepted, {} duplicates", chunk.size(), accepted.size(),
                        valid.size() - events.size());
                return versions.recordAll(accepted, now).thenReturn(Arrays.asList(results));
            });
        });
    }

    private Mono<Accepted> publish(SubmissionReader.Submission submission, String publisherName) {
        Instant now = Instant.now(clock);
        ArticleVersions.Submission judged = judged(submission, publisherName, now);
        return versions.decide(judged, now)
                .flatMap(decision -> {
                    String id = decision.articleId();
                    if (decision.duplicate()) {
                        log.info("Duplicate of article {} version {}: not published again", id, decision.version());
                        return Mono.just(new Accepted(id, decision.version(), "duplicate"));
                    }
                    ArticleSubmitted event = toEvent(submission, publisherName, id, decision.version(), now);
                    return publisher.publish(event)
                            .then(versions.record(judged, decision, now))
                            .doOnSuccess(ignored -> log.info("Accepted article {} version {}", id, event.version()))
                            .thenReturn(new Accepted(id, event.version(), "accepted"));
                });
    }

    /** What the version ledger judges a submission by: its identity ({@link ArticleIdentity}) and content hash. */
    private static ArticleVersions.Submission judged(SubmissionReader.Submission submission, String publisherName, Instant now) {
        ArticleIdentity identity = ArticleIdentity.of(publisherName, submission.fields(), submission.body().text());
        return new ArticleVersions.Submission(identity.id(), identity.legacyId(), publisherName,
                ContentHash.of(toEvent(submission, publisherName, identity.id(), 0, now)));
    }

    private static ArticleSubmitted toEvent(SubmissionReader.Submission submission, String publisherName, String id,
            long version, Instant now) {
        ArticleSubmission fields = submission.fields();
        return new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, id, version, publisherName,
                fields.externalId(), fields.url(), fields.title() == null ? "" : fields.title().strip(), submission.body().text(),
                fields.author(), fields.source(),
                fields.publishedAt() == null ? null : fields.publishedAt().toInstant(), fields.language(),
                fields.categories(), now, submission.body().html(), submission.body().photoCredits(), fields.withdrawn(),
                fields.embargoedUntil() == null ? null : fields.embargoedUntil().toInstant());
    }

    /** The answer to a submitted article: {@code accepted}, or {@code duplicate} of the accepted {@code version}. */
    record Accepted(String id, long version, String status) {

        boolean duplicate() {
            return "duplicate".equals(status);
        }
    }

    /** The answer to one line of a batch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineResult(Long line, String status, String id, Long version, String detail, List<Map<String, String>> errors) {

        static LineResult rejected(long line, String detail, List<Map<String, String>> errors) {
            return new LineResult(line, "rejected", null, null, detail, errors);
        }
    }
}
