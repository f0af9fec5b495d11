package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a scraped article page looks like, and what readers and enrichment should get of it. */
class ArticleBodyTest {

    private static final String SCRAPED_PAGE = """
            <figure><img src="https://daily.example/img/summit.jpg" onerror="steal()">
              <figcaption>Leaders agreed on a climate fund at the summit on Tuesday.</figcaption></figure>
            <p>Photo: Ann Lens/Example Wire</p>
            <p>Leaders agreed on a climate fund at the summit on Tuesday.</p>
            <p onclick="track()">The fund will pay for <a href="javascript:alert(1)">flood</a> defences in
               <a href="https://daily.example/world">poorer countries</a>.</p>
            <script>document.cookie</script><style>p { color: red }</style>
            <p>Source: Example Wire</p>
            """;

    @Test
    void htmlIsSanitizedForDisplayAndItsTextHasEachParagraphOnceWithoutPhotoCredits() {
        ArticleBody body = ArticleBody.ofHtml(SCRAPED_PAGE);

        assertThat(body.text()).isEqualTo("""
                Leaders agreed on a climate fund at the summit on Tuesday.

                The fund will pay for flood defences in poorer countries.

                Source: Example Wire""");
        assertThat(body.photoCredits()).containsExactly("Photo: Ann Lens/Example Wire");
        assertThat(body.html())
                .contains("<img src=\"https://daily.example/img/summit.jpg\">")
                .contains("<a href=\"https://daily.example/world\" rel=\"nofollow\">poorer countries</a>")
                .doesNotContain("script", "style", "onclick", "onerror", "javascript:", "document.cookie");
    }

    @Test
    void plainTextLosesRepeatedParagraphsAndCreditLinesButKeepsItsOrder() {
        ArticleBody body = ArticleBody.ofText("""
                Storm closes the coast road.

                (Photo by Sam Shutter)

                Heavy rain closed the road on Monday.

                storm closes the  coast road

                Image credit: Example Wire
                """);

        assertThat(body.text()).isEqualTo("Storm closes the coast road.\n\nHeavy rain closed the road on Monday.");
        assertThat(body.photoCredits()).containsExactly("(Photo by Sam Shutter)", "Image credit: Example Wire");
        assertThat(body.html()).isNull();
    }

    @Test
    void sentencesThatMerelyMentionPhotosAreText() {
        assertThat(ArticleBody.isPhotoCredit("Photographs of the damage were shared widely on Monday, officials said."))
                .isFalse();
        assertThat(ArticleBody.isPhotoCredit("Picture: the harbour after the storm")).isTrue();
    }
}
