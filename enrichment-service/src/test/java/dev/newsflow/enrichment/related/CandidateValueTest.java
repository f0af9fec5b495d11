package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CandidateValueTest {

    @Test
    void everyFieldASearchHandsOnSurvivesTheDocValueIncludingMissingOnesAndTheWholeText() {
        TermVector terms = TermVector.of(Map.of("river", 3, "bridg", 1, "lisbon", 2), Set.of("lisbon"));
        IndexedArticle article = new IndexedArticle("pub:a-1", 1_764_000_000_123L, null, "https://news.example/a-1",
                Instant.parse("2026-11-30T12:00:00.123Z"), List.of("medtop:06000000", "medtop:16000000"),
                List.of("environment", "unrest, conflicts and war"), terms, Map.of("river", 3), MinHashSignature.EMPTY,
                "pub:a-0", null);

        Candidate candidate = CandidateValue.read(CandidateValue.of(article), 0.75);

        assertThat(candidate).isEqualTo(new Candidate("pub:a-1", 1_764_000_000_123L, null,
                "https://news.example/a-1", Instant.parse("2026-11-30T12:00:00.123Z"),
                List.of("medtop:06000000", "medtop:16000000"), List.of("environment", "unrest, conflicts and war"),
                terms, "pub:a-0", null, 0.75));
        assertThat(candidate.terms().contains(TermVector.hash("lisbon"))).isTrue();
        assertThat(candidate.terms().contains(TermVector.hash("paris"))).isFalse();
    }
}
