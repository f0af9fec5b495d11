package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CandidateValueTest {

    @Test
    void everyFieldASearchHandsOnSurvivesTheDocValueIncludingMissingOnesAndTheKeywordOrder() {
        Map<String, Double> keywords = new LinkedHashMap<>();
        keywords.put("river", 0.8);
        keywords.put("bridg", 0.5);
        keywords.put("flood", 0.31);
        IndexedArticle article = new IndexedArticle("pub:a-1", 1_764_000_000_123L, null, "https://news.example/a-1",
                Instant.parse("2026-11-30T12:00:00.123Z"), List.of("medtop:06000000", "medtop:16000000"),
                List.of("environment", "unrest, conflicts and war"), keywords, Map.of("river", 3), MinHashSignature.EMPTY,
                "pub:a-0", null);

        RelatedIndex.Candidate candidate = CandidateValue.read(CandidateValue.of(article), 0.75);

        assertThat(candidate).isEqualTo(new RelatedIndex.Candidate("pub:a-1", 1_764_000_000_123L, null,
                "https://news.example/a-1", Instant.parse("2026-11-30T12:00:00.123Z"),
                List.of("medtop:06000000", "medtop:16000000"), List.of("environment", "unrest, conflicts and war"),
                keywords, "pub:a-0", null, 0.75));
        assertThat(candidate.keywords().keySet()).containsExactly("river", "bridg", "flood");
    }
}
