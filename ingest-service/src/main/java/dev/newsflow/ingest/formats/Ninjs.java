package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * IPTC ninjs, the news industry's JSON format, read into the fields of a native submission. Both generations are
 * accepted: 1.x/2.x with lowercase names ({@code headline}, {@code body_text}, {@code body_html}, {@code byline},
 * {@code versioncreated}, {@code subject}, {@code pubstatus}) and 3.x with camelCase names and lists
 * ({@code headlines[]}, {@code bodies[]}, {@code bylines[]}, {@code versionCreated}, {@code subjects[]},
 * {@code pubStatus}); {@code embargoed} in both. Only {@code uri} is required by ninjs; newsflow also needs a
 * headline and a body, except in a withdrawal ({@code pubstatus} {@code canceled} or {@code withheld}).
 */
public final class Ninjs {

    /** Names of the native fields in ninjs terms, for error messages about a ninjs document. */
    public static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("externalId", "uri"),
            Map.entry("url", "uri"),
            Map.entry("title", "headline"),
            Map.entry("body", "body_text"),
            Map.entry("bodyHtml", "body_html"),
            Map.entry("author", "byline"),
            Map.entry("publishedAt", "firstcreated"),
            Map.entry("language", "language"),
            Map.entry("categories", "subject"),
            Map.entry("source", "infosource"),
            Map.entry("status", "pubstatus"),
            Map.entry("embargoedUntil", "embargoed"));

    private static final Pattern MEDIA_TOPIC = Pattern.compile("https?://cv\\.iptc\\.org/newscodes/mediatopic/(\\d{8})");
    private static final List<String> MARKERS = List.of("headline", "headlines", "body_text", "body_html", "bodies",
            "versioncreated", "versionCreated", "firstcreated", "firstCreated", "byline", "bylines", "pubstatus", "pubStatus",
            "embargoed");

    private Ninjs() {
    }

    /** Whether {@code document} looks like ninjs: a {@code uri} and at least one ninjs-only field. */
    public static boolean looksLikeNinjs(JsonNode document) {
        return document.isObject() && document.has("uri") && MARKERS.stream().anyMatch(document::has);
    }

    /** The native submission fields of a ninjs document; fields it does not carry are left out. */
    public static ObjectNode toSubmission(JsonNode ninjs) {
        ObjectNode submission = JsonNodeFactory.instance.objectNode();
        JsonNode uri = ninjs.get("uri");
        if (uri != null && uri.isString()) {
            submission.put("externalId", uri.asString());
            if (uri.asString().startsWith("http://") || uri.asString().startsWith("https://")) {
                submission.put("url", uri.asString());
            }
        }
        else if (uri != null) {
            submission.set("externalId", uri);
        }
        putText(submission, "title", firstOf(ninjs, "headline", "headlines", "value"));
        putBody(submission, ninjs);
        putText(submission, "author", firstOf(ninjs, "byline", "bylines", "byline"));
        JsonNode created = firstNonNull(ninjs, "firstcreated", "firstCreated", "versioncreated", "versionCreated");
        if (created != null) {
            submission.set("publishedAt", created);
        }
        if (ninjs.has("language")) {
            submission.set("language", ninjs.get("language"));
        }
        List<String> subjects = subjects(firstNonNull(ninjs, "subject", "subjects"));
        if (!subjects.isEmpty()) {
            submission.set("categories", JsonNodeFactory.instance.arrayNode().addAll(
                    subjects.stream().map(JsonNodeFactory.instance::stringNode).toList()));
        }
        putStatus(submission, firstNonNull(ninjs, "pubstatus", "pubStatus"));
        JsonNode embargoed = ninjs.get("embargoed");
        if (embargoed != null && !embargoed.isNull()) {
            submission.set("embargoedUntil", embargoed);
        }
        List<String> sources = names(firstNonNull(ninjs, "infosource", "infoSources", "infosources"));
        if (!sources.isEmpty()) {
            submission.put("source", sources.get(0));
        }
        else if (ninjs.path("copyrightholder").isString()) {
            submission.put("source", ninjs.get("copyrightholder").asString());
        }
        return submission;
    }

    /**
     * {@code pubstatus} (2.x) or {@code pubStatus} (3.x): {@code usable} is a published article, {@code canceled} (a
     * kill) and {@code withheld} withdraw it; any other value is passed on to be refused by validation.
     */
    private static void putStatus(ObjectNode submission, JsonNode pubStatus) {
        if (pubStatus == null) {
            return;
        }
        String status = pubStatus.isString() ? switch (pubStatus.asString()) {
            case "usable" -> "published";
            case "canceled", "withheld" -> "withdrawn";
            default -> null;
        } : null;
        if (status != null) {
            submission.put("status", status);
        }
        else {
            submission.set("status", pubStatus);
        }
    }

    /** The plain-text body ({@code body_text}, or a text/plain entry of {@code bodies}) into "body", HTML into "bodyHtml". */
    private static void putBody(ObjectNode submission, JsonNode ninjs) {
        if (ninjs.has("body_text") || ninjs.has("body_html")) {
            putText(submission, "body", ninjs.get("body_text"));
            putText(submission, "bodyHtml", ninjs.get("body_html"));
            return;
        }
        JsonNode bodies = ninjs.get("bodies");
        if (bodies != null && bodies.isArray()) {
            for (JsonNode body : bodies) {
                String type = body.path("contentType").asString(body.path("contenttype").asString("text/plain"));
                String field = type.startsWith("text/html") ? "bodyHtml" : "body";
                if (!submission.has(field) && body.path("value").isString()) {
                    submission.set(field, body.get("value"));
                }
            }
        }
    }

    /** {@code single} if it is text, else the {@code field} of the first element of the list {@code plural}. */
    private static JsonNode firstOf(JsonNode ninjs, String single, String plural, String field) {
        if (ninjs.has(single)) {
            return ninjs.get(single);
        }
        JsonNode list = ninjs.get(plural);
        if (list != null && list.isArray() && !list.isEmpty()) {
            JsonNode first = list.get(0);
            return first.isObject() ? first.get(field) : first;
        }
        return null;
    }

    private static JsonNode firstNonNull(JsonNode ninjs, String... names) {
        for (String name : names) {
            if (ninjs.has(name) && !ninjs.get(name).isNull()) {
                return ninjs.get(name);
            }
        }
        return null;
    }

    /**
     * Subject names as categories, except IPTC Media Topics, which are passed on by code ({@code medtop:15000000})
     * whether the subject gives its {@code uri} or its {@code scheme} and {@code code}.
     */
    private static List<String> subjects(JsonNode list) {
        List<String> subjects = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                String uri = item.path("uri").asString("");
                String code = item.path("code").asString("");
                Matcher topic = MEDIA_TOPIC.matcher(uri);
                if (topic.matches()) {
                    subjects.add("medtop:" + topic.group(1));
                }
                else if (code.matches("medtop:\\d{8}")) {
                    subjects.add(code);
                }
                else if (code.matches("\\d{8}") && item.path("scheme").asString("").contains("mediatopic")) {
                    subjects.add("medtop:" + code);
                }
                else {
                    String name = item.isString() ? item.asString() : item.path("name").asString("");
                    if (!name.isBlank()) {
                        subjects.add(name.strip());
                    }
                }
            }
        }
        return subjects;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                String name = item.isString() ? item.asString() : item.path("name").asString("");
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static void putText(ObjectNode submission, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            submission.set(field, value);
        }
    }
}
