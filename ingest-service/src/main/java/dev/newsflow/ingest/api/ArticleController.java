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
    private static final String ARTICLE_EXAMPLE = """
            {"externalId": "2026-11-20-cup-final", "url": "https://daily.example/sport/cup-final",
             "title": "Late penalty sends United into the cup final",
             "body": "A penalty in the last minute sent United into the cup final.\\n\\nThe striker scored from the spot.",
             "author": "Sam Reporter", "source": "Example Wire", "publishedAt": "2026-11-20T18:45:00Z",
             "language": "en", "categories": ["Sport"]}""";
    private static final String NINJS_EXAMPLE = """
            {"uri": "https://daily.example/world/summit", "versioncreated": "2026-11-24T09:30:00Z", "language": "en",
             "headline": "Leaders agree on a climate fund", "byline": "Ann Writer",
             "body_html": "<p>Leaders agreed on a fund.</p><p>The deal passed late at night.</p>",
             "subject": [{"name": "World"}], "infosource": [{"name": "Example Wire"}]}""";
    private static final String BATCH_EXAMPLE = """
            {"externalId": "a-1", "title": "Cup final tonight", "body": "United play the final."}
            {"externalId": "a-2", "title": "Budget passes", "body": "Parliament passed the budget."}""";

    private final ArticlePublisher publisher;
    private final ArticleVersions versions;
    private final SubmissionReader reader;
    private final IngestProperties properties;
    private final JsonMapper json;
    private final ObjectWriter lineResults;
    private final Clock clock = Clock.systemUTC();

    ArticleController(ArticlePublisher publisher, ArticleVersions versions, SubmissionReader reader,
            IngestProperties properties, JsonMapper json) {
        this.publisher = publisher;
        this.versions = versions;
        this.reader = reader;
        this.properties = properties;
        this.json = json;
        this.lineResults = json.writerFor(LineResult.class);
    }

    /**
     * Accepts one article, native or ninjs (declared by its media type, or recognised by its fields): {@code 202}
     * with its id and new version, or {@code 200} with status {@code duplicate} if that content was accepted
     * before (nothing is published again).
     */
    @Operation(summary = "Submit an article or a batch",
            description = "One article as native JSON, or IPTC ninjs 2.x/3.x (declared as application/ninjs+json or "
                    + "recognised by its fields), answered 202/200 as below. Or a batch as NDJSON, one article per line, up "
                    + "to 10,000: answered 200 with one application/x-ndjson result line per input line, in order "
                    + "({\"line\", \"status\": accepted|duplicate|rejected|unavailable, \"id\", \"version\", \"detail\", "
                    + "\"errors\"}).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ArticleSubmission.class),
                    examples = @ExampleObject(name = "article", value = ARTICLE_EXAMPLE)),
            @Content(mediaType = NINJS_JSON, examples = @ExampleObject(name = "ninjs", value = NINJS_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, examples = @ExampleObject(name = "batch", value = BATCH_EXAMPLE))})
    @ApiResponse(responseCode = "202", description = "Accepted: Kafka acknowledged it",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "200", description = "One article: a duplicate of content accepted before, nothing is "
            + "published. A batch: the result lines", content = {@Content(schema = @Schema(implementation = Accepted.class)),
                    @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(implementation = LineResult.class))})
    @ApiResponse(responseCode = "400", description = "Invalid or malformed article; the problem names each field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "413", description = "Request over 16 MB",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "415", description = "Not JSON, ninjs or NDJSON",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "429", description = "Over the publisher's rate limit; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge within 5 s; not accepted, retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, NINJS_JSON}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> submit(@RequestBody JsonNode document,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestAttribute(PublisherAuthentication.PUBLISHER) String publisherName) {
        SubmissionReader.Submission submission = reader.read(document, NINJS.includes(contentType));
        return publish(submission, publisherName)
                .map(outcome -> (outcome.duplicate() ? ResponseEntity.ok() : ResponseEntity.accepted())
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
