package dev.newsflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ArticleEventJsonTest {

    @Test
    void enrichedEventSurvivesARoundTripThroughJson() {
        ArticleEnriched event = new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, "a-1", 2, "daily", "x-9",
                "https://daily.example/a-1", "Title", "Body", "Ann Writer", "Reuters",
                Instant.parse("2026-11-20T10:15:30Z"), "en",
                List.of(new CategoryAssignment(CategoryAssignment.IPTC, "medtop:15000000", "sport", 0.8,
                        CategoryAssignment.Origin.MODEL)),
                List.of(new RelatedPost("a-0", "Earlier", null, 0.5, List.of("shared terms: final"))), List.of("final", "cup"),
                Instant.parse("2026-11-20T10:16:00Z"), Instant.parse("2026-11-20T10:16:01Z"),
                "<p>Body</p>", List.of("Photo: Ann Lens/Example Wire"), Instant.parse("2026-11-21T08:00:00Z"),
                ArticleEnriched.Change.CATEGORIES_CORRECTED, Map.of("final", 0.8, "cup", 0.6), List.of("cup final"),
                "a-0", "a-0");

        ArticleEnriched read = ArticleEventJson.read(ArticleEventJson.write(event), ArticleEnriched.class);

        assertThat(read).isEqualTo(event);
    }

    @Test
    void keywordWeightsKeepTheirOrderBestFirst() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("summit", 0.7);
        weights.put("climat", 0.5);
        weights.put("fund", 0.3);
        ArticleEnriched event = new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, "a-1", 1, null, null, null, "T", "B",
                null, null, null, null, null, null, List.of("summit", "climat", "fund"), null, null, null, null, null, null,
                weights, List.of("climate fund"), null, "a-1");

        String json = new String(ArticleEventJson.write(event), StandardCharsets.UTF_8);
        ArticleEnriched read = ArticleEventJson.read(json.getBytes(StandardCharsets.UTF_8), ArticleEnriched.class);

        assertThat(json).contains("\"keywordWeights\":{\"summit\":0.7,\"climat\":0.5,\"fund\":0.3}");
        assertThat(read.keywordWeights().keySet()).containsExactly("summit", "climat", "fund");
    }

    @Test
    void enrichedEventsWrittenBeforeStoriesExistedStillRead() {
        String json = """
                {"schemaVersion":1,"articleId":"a-1","version":3,"title":"T","body":"B","keywords":["cup"],
                 "relatedPosts":[],"change":"CREATED"}""";

        ArticleEnriched read = ArticleEventJson.read(json.getBytes(StandardCharsets.UTF_8), ArticleEnriched.class);

        assertThat(read.keywordWeights()).isEmpty();
        assertThat(read.keyPhrases()).isEmpty();
        assertThat(read.duplicateOf()).isNull();
        assertThat(read.storyId()).isNull();
    }

    @Test
    void correctionEventSurvivesARoundTripThroughJson() {
        CategoriesCorrected event = new CategoriesCorrected(CategoriesCorrected.SCHEMA_VERSION, "a-1",
                List.of("World", "medtop:11000000"), "daily", Instant.parse("2026-11-21T08:00:00Z"));

        assertThat(ArticleEventJson.read(ArticleEventJson.write(event), CategoriesCorrected.class)).isEqualTo(event);
    }

    @Test
    void instantsAreWrittenAsIsoStringsForNonJavaConsumers() {
        ArticleSubmitted event = new ArticleSubmitted(1, "a-1", 1, null, null, null, "T", "B", null, null,
                Instant.parse("2026-11-20T10:15:30Z"), null, null, Instant.parse("2026-11-20T10:16:00Z"), null, null);

        String json = new String(ArticleEventJson.write(event), StandardCharsets.UTF_8);

        assertThat(json).contains("\"publishedAt\":\"2026-11-20T10:15:30Z\"").contains("\"schemaVersion\":1");
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String json = """
                {"schemaVersion":2,"articleId":"a-1","version":3,"title":"T","body":"B",
                 "categories":["World"],"somethingNew":{"x":1}}""";

        ArticleSubmitted read = ArticleEventJson.read(json.getBytes(StandardCharsets.UTF_8), ArticleSubmitted.class);

        assertThat(read.articleId()).isEqualTo("a-1");
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.categories()).containsExactly("World");
        // Written before withdrawals and embargoes existed: neither.
        assertThat(read.withdrawn()).isFalse();
        assertThat(read.embargoedUntil()).isNull();
    }

    @Test
    void malformedJsonIsRejectedWithTheTypeInTheMessage() {
        assertThatThrownBy(() -> ArticleEventJson.read("{\"articleId\":".getBytes(StandardCharsets.UTF_8),
                ArticleSubmitted.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArticleSubmitted");
    }

    @Test
    void topicNamesComeFromTheContractFile() {
        assertThat(ArticleTopics.ARTICLE_SUBMITTED).isEqualTo("newsflow.articles.submitted");
        assertThat(ArticleTopics.ARTICLE_ENRICHED).isEqualTo("newsflow.articles.enriched");
        assertThat(ArticleTopics.deadLetterOf(ArticleTopics.ARTICLE_SUBMITTED)).isEqualTo("newsflow.articles.submitted.dlq");
    }
}
