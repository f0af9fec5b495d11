package dev.newsflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.testsupport.ArticleBuilder;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ArticleDocumentTest {

    @Test
    void everyFieldOfAnArticleSurvivesTheDocumentExceptTheChangeAnEventReports() {
        ArticleEnriched article = ArticleBuilder.article("a-1").version(4).externalId("ext-1").url("https://daily.example/a-1")
                .title("Cup final moved to Sunday").body("The cup final moves to Sunday.").author("Sam Reporter")
                .source("Example Wire").publishedAt(Instant.parse("2026-11-20T10:00:00Z")).language("en-GB")
                .iptc("medtop:15000000", "sport", 0.8)
                .category(new CategoryAssignment("publisher", "football", "Football", 1.0, CategoryAssignment.Origin.PUBLISHER))
                .relatedPost("a-0", "Semi-final report", 0.42, "shared terms: cup, final")
                .keywords("cup", "final").keywordWeight("cup", 0.7).keywordWeight("u.s.", 0.3).keyPhrases("cup final")
                .bodyHtml("<p>The cup final moves to Sunday.</p>").photoCredits("Photo: Ann Lens")
                .submittedAt(Instant.parse("2026-11-20T10:01:00.123Z")).enrichedAt(Instant.parse("2026-11-20T10:01:02.456Z"))
                .categoriesCorrectedAt(Instant.parse("2026-11-21T08:00:00Z")).duplicateOf("a-0").storyId("story-1")
                .change(ArticleEnriched.Change.NEW_VERSION)
                .build();

        Document document = ArticleDocument.of(article);
        ArticleEnriched read = ArticleDocument.toArticle(Document.parse(document.toJson()));

        assertThat(read).isEqualTo(article.withChange(null));
        assertThat(document.getList(ArticleDocument.WORDS, String.class))
                .containsExactly("cup", "final", "moved", "to", "sunday", "the", "moves");
    }

    @Test
    void aWithdrawalAndAnEmbargoSurviveTheDocumentAndOlderDocumentsReadAsNeither() {
        Instant at = Instant.parse("2026-12-20T10:00:00Z");
        ArticleEnriched article = ArticleBuilder.article("a-2").title("Budget figures").publishedAt(at).submittedAt(at)
                .enrichedAt(at).withdrawn(true).embargoedUntil(Instant.parse("2026-12-24T06:00:00Z")).change(null).build();

        ArticleEnriched read = ArticleDocument.toArticle(Document.parse(ArticleDocument.of(article).toJson()));
        Document older = ArticleDocument.of(article);
        older.remove(ArticleDocument.WITHDRAWN);
        older.remove(ArticleDocument.EMBARGOED_UNTIL);

        assertThat(read).isEqualTo(article);
        assertThat(ArticleDocument.toArticle(older).withdrawn()).isFalse();
        assertThat(ArticleDocument.toArticle(older).embargoedUntil()).isNull();
    }

    @Test
    void wordsAreRunsOfLettersAndDigitsLowerCasedAcrossScripts() {
        assertThat(ArticleWords.of("Storm's eye: 120km/h winds!", null, "Zürich, ÉTÉ 2026 — 東京"))
                .containsExactly("storm", "s", "eye", "120km", "h", "winds", "zürich", "été", "2026", "東京");
    }

    @Test
    void aSingleWordKeywordIsAnIndexLookupAndAPhraseAlsoChecksItsOrder() {
        assertThat(ArticleDocument.havingKeyword(" Harbour ").toBsonDocument().toJson()).isEqualTo("{\"words\": \"harbour\"}");
        assertThat(ArticleDocument.havingKeyword("cup final").toBsonDocument().toJson())
                .contains("\"$all\": [\"cup\", \"final\"]").contains("\\\\Qcup final\\\\E");
    }
}
