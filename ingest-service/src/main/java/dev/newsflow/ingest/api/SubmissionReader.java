package dev.newsflow.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsflow.ingest.formats.ArticleBody;
import dev.newsflow.ingest.formats.Ninjs;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JSON document, native or ninjs, into a valid {@link ArticleSubmission}, or fails with
 * {@link InvalidSubmissionException} naming each field (in the document's own terms) and the rule it breaks.
 */
@Component
class SubmissionReader {

    /** How far in the future a publication time may lie, unless the article is under embargo until then. */
    static final Duration MAX_PUBLISHED_AHEAD = Duration.ofHours(24);

    private final JsonMapper json;
    private final ObjectReader nativeOnly;
    private final Validator validator;

    SubmissionReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.nativeOnly = json.readerFor(ArticleSubmission.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
    }

    /** A valid submission and its cleaned body. */
    record Submission(ArticleSubmission fields, ArticleBody body) {
    }

    /**
     * A native or ninjs article on one line of a batch, as UTF-8 (bytes that are not UTF-8 are not valid JSON). The
     * line is first read straight into the submission, without a JSON tree in between, by a reader that refuses any
     * key the native format does not have: so a ninjs line (its {@code uri}, however escaped) or one with extra keys
     * fails that read, and is read again the general way, so that the answer is the same either way.
     */
    Submission read(byte[] line) {
        if (isObject(line)) {
            ArticleSubmission submission;
            try {
                submission = nativeOnly.readValue(line);
            }
            catch (JacksonException ex) {
                return read(json.readTree(line), false);
            }
            if (submission != null) {
                return validated(submission, false);
            }
        }
        return read(json.readTree(line), false);
    }

    private static boolean isObject(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    Submission read(JsonNode document, boolean declaredNinjs) {
        if (document == null || !document.isObject()) {
            throw InvalidSubmissionException.of("(body)", "must be a JSON object");
        }
        boolean ninjs = declaredNinjs || Ninjs.looksLikeNinjs(document);
        if (ninjs && (!document.has("uri") || document.get("uri").asString("").isBlank())) {
            throw InvalidSubmissionException.of("uri", "is required by ninjs");
        }
        JsonNode fields = ninjs ? Ninjs.toSubmission(document) : document;
        ArticleSubmission submission;
        try {
            submission = json.treeToValue(fields, ArticleSubmission.class);
        }
        catch (DatabindException ex) {
            String field = ProblemHandler.fieldOf(ex);
            throw InvalidSubmissionException.of(field == null ? "(body)" : name(field, ninjs), "has the wrong type or format");
        }
        return validated(submission, ninjs);
    }

    Submission validated(ArticleSubmission submission, boolean ninjs) {
        List<Map.Entry<String, String>> broken = new ArrayList<>();
        for (ConstraintViolation<ArticleSubmission> violation : validator.validate(submission)) {
            broken.add(Map.entry(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        boolean withdrawn = submission.withdrawn();
        if (!withdrawn && (submission.title() == null || submission.title().isBlank())) {
            broken.add(Map.entry("title", "must not be blank"));
        }
        if (submission.publishedAt() != null && submission.embargoedUntil() == null
                && submission.publishedAt().toInstant().isAfter(Instant.now().plus(MAX_PUBLISHED_AHEAD))) {
            broken.add(Map.entry("publishedAt", "is more than 24 hours in the future; to hold the article back until then, "
                    + "send it with " + name("embargoedUntil", ninjs)));
        }
        if (!broken.isEmpty()) {
            throw new InvalidSubmissionException(broken.stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(entry -> Map.of("field", name(entry.getKey(), ninjs), "message", entry.getValue()))
                    .toList());
        }
        boolean html = submission.bodyHtml() != null && !submission.bodyHtml().isBlank();
        ArticleBody body = html ? ArticleBody.ofHtml(submission.bodyHtml())
                : ArticleBody.ofText(submission.body() == null ? "" : submission.body());
        if (withdrawn) {
            // A withdrawal needs only what identifies the article: its external id, its URL, or else its text.
            boolean identified = submission.externalId() != null && !submission.externalId().isBlank()
                    || submission.url() != null
                    || submission.title() != null && !submission.title().isBlank() && !body.text().isBlank();
            if (!identified) {
                throw InvalidSubmissionException.of(name("externalId", ninjs),
                        "is required to withdraw an article (or its url, or its title and body)");
            }
        }
        else if (body.text().isBlank()) {
            throw InvalidSubmissionException.of(name(html ? "bodyHtml" : "body", ninjs), "must have some text");
        }
        return new Submission(submission, body);
    }

    private static String name(String field, boolean ninjs) {
        if (!ninjs) {
            return field;
        }
        String root = field.split("[.\\[]", 2)[0];
        return Ninjs.FIELD_NAMES.getOrDefault(root, root) + field.substring(root.length());
    }
}
