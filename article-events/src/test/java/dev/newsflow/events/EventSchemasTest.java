package dev.newsflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON Schemas of the three topics' payloads ({@code docs/schemas/<topic>.schema.json}) against the
 * contract's records: events the contract writes validate, and a schema names exactly the record's fields, so that
 * adding a field to an event without adding it to its schema fails here.
 */
class EventSchemasTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final Map<EventType, String> TOPICS = Map.of(
            EventType.ARTICLE_SUBMITTED, ArticleTopics.ARTICLE_SUBMITTED,
            EventType.ARTICLE_ENRICHED, ArticleTopics.ARTICLE_ENRICHED,
            EventType.CATEGORIES_CORRECTED, ArticleTopics.CATEGORY_CORRECTIONS);
    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTheContractWritesValidates(EventType type) {
        for (Object event : examples(type)) {
            assertThat(errors(type, ArticleEventJson.write(event))).as("%s", event).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSchemaNamesExactlyTheRecordsFields(EventType type) throws IOException {
        JsonNode schema = schemaDocument(type);

        assertSameFields(type.payloadType(), schema, schema, schemaFile(type));
    }

    @Test
    void aPayloadThatBreaksTheContractDoesNotValidate() {
        String noId = "{\"schemaVersion\":1,\"version\":1,\"title\":\"T\",\"body\":\"B\"}";
        String textVersion = "{\"schemaVersion\":1,\"articleId\":\"a\",\"version\":\"soon\",\"title\":\"T\",\"body\":\"B\"}";
        String badTime = "{\"schemaVersion\":1,\"articleId\":\"a\",\"version\":1,\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"Monday\"}";

        String noTitle = "{\"schemaVersion\":1,\"articleId\":\"a\",\"version\":1,\"title\":\"\",\"body\":\"B\"}";

        for (String payload : List.of(noId, textVersion, badTime, noTitle)) {
            assertThat(errors(EventType.ARTICLE_SUBMITTED, payload.getBytes(StandardCharsets.UTF_8))).as(payload).isNotEmpty();
        }
    }

    // Each record component is a property of the schema node, and nothing else is; a component that is a record (or a
    // list of records) has its own definition under $defs, named after the record, checked the same way.
    private static void assertSameFields(Class<?> record, JsonNode node, JsonNode schema, Path file) {
        Set<String> components = new TreeSet<>(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
        Set<String> properties = new TreeSet<>(node.path("properties").propertyNames());
        assertThat(difference(components, properties)).as("fields of %s that %s lacks: describe them there", record.getSimpleName(),
                file).isEmpty();
        assertThat(difference(properties, components)).as("properties in %s that %s does not have", file, record.getSimpleName())
                .isEmpty();
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> nested = recordIn(component.getGenericType());
            if (nested != null) {
                JsonNode definition = schema.path("$defs").path(nested.getSimpleName());
                assertThat(definition.isMissingNode()).as("$defs/%s in %s", nested.getSimpleName(), file).isFalse();
                assertSameFields(nested, definition, schema, file);
            }
        }
    }

    private static Set<String> difference(Set<String> all, Set<String> minus) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(minus);
        return rest;
    }

    private static Class<?> recordIn(Type type) {
        if (type instanceof Class<?> plain) {
            return plain.isRecord() ? plain : null;
        }
        if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                Class<?> found = recordIn(argument);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<Error> errors(EventType type, byte[] payload) {
        try {
            Schema schema = REGISTRY.getSchema(Files.readString(schemaFile(type)), InputFormat.JSON);
            return schema.validate(new String(payload, StandardCharsets.UTF_8), InputFormat.JSON);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static JsonNode schemaDocument(EventType type) throws IOException {
        return ArticleEventJson.mapper().readTree(Files.readString(schemaFile(type)));
    }

    private static Path schemaFile(EventType type) {
        return SCHEMAS.resolve(TOPICS.get(type) + ".schema.json");
    }

    // Every field set (nested records included), and every optional field left empty.
    private static List<Object> examples(EventType type) {
        List<Object> events = new ArrayList<>();
        switch (type) {
            case ARTICLE_SUBMITTED -> {
                events.add(new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, "a-1", 2, "daily", "ext-1",
                        "https://daily.example/a-1", "Title", "Body.\n\nMore.", "Sam Reporter", "Example Wire", AT, "en",
                        List.of("World"), AT, "<p>Body.</p>", List.of("Photo: Ann Lens")));
                events.add(new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, "a-2", 1, null, null, null, "Title", "",
                        null, null, null, null, null, null, null, null));
                // A withdrawal by external id alone, and an article under embargo.
                events.add(new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, "a-1", 3, "daily", "ext-1", null, "", "",
                        null, null, null, null, null, AT, null, null, true, null));
                events.add(new ArticleSubmitted(ArticleSubmitted.SCHEMA_VERSION, "a-3", 1, "daily", "ext-3", null, "Title",
                        "Body.", null, null, AT, "en", null, AT, null, null, false, AT.plusSeconds(3600)));
            }
            case ARTICLE_ENRICHED -> {
                events.add(new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, "a-1", 2, "daily", "ext-1",
                        "https://daily.example/a-1", "Title", "Body", "Sam Reporter", "Example Wire", AT, "en",
                        List.of(new CategoryAssignment(CategoryAssignment.IPTC, "medtop:15000000", "sport", 0.8,
                                CategoryAssignment.Origin.MODEL)),
                        List.of(new RelatedPost("a-0", "Earlier", "https://daily.example/a-0", 0.42, List.of("shared terms"))),
                        List.of("cup", "final"), AT, AT, "<p>Body</p>", List.of("Photo: Ann Lens"), AT,
                        ArticleEnriched.Change.NEW_VERSION, Map.of("cup", 0.8, "final", 0.6), List.of("cup final"), "a-0", "a-0"));
                events.add(new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, "a-2", 1, null, null, null, "Title", "Body",
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
                // The first one's withdrawal.
                events.add(((ArticleEnriched) events.get(0)).withdrawnAs(3, AT));
            }
            case CATEGORIES_CORRECTED -> events.add(new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, "a-1",
                    List.of("World", "medtop:11000000"), "daily", AT));
        }
        return events;
    }
}
