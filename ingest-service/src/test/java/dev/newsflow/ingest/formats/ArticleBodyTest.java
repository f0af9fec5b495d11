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

    @Test
    void repeatsAreFoundWhateverTheAccentsEncodingTypographyOrCase() {
        ArticleBody body = ArticleBody.ofText(String.join("\n\n",
                "Caf\u00e9 owners \u2014 \u201cprices\u201d rise\u2026",
                // A decomposed accent, ASCII punctuation, capitals.
                "CAFE\u0301 OWNERS -- \"prices\" RISE...",
                // A fullwidth letter and a no-break space, which NFKC maps to their plain forms.
                "\uff23af\u00e9\u00a0owners: prices rise",
                "\u039f\u0394\u039f\u03a3 closed",
                // The same Greek word in lower case, ending in a final sigma.
                "\u03bf\u03b4\u03bf\u03c2 closed",
                "Cafe owners say prices rise"));

        assertThat(body.text()).isEqualTo(String.join("\n\n", "Caf\u00e9 owners \u2014 \u201cprices\u201d rise\u2026",
                "\u039f\u0394\u039f\u03a3 closed", "Cafe owners say prices rise"));
    }

    @Test
    void creditLinesAreFoundWhateverTheirCaseOrBrackets() {
        assertThat(ArticleBody.isPhotoCredit("PHOTO: Ann Lens")).isTrue();
        assertThat(ArticleBody.isPhotoCredit("(Image by Sam Shutter)")).isTrue();
        assertThat(ArticleBody.isPhotoCredit("Credits: Example Wire")).isTrue();
        assertThat(ArticleBody.isPhotoCredit("Foto: Anna Linse")).isTrue();
        assertThat(ArticleBody.isPhotoCredit("Police said: the road is closed")).isFalse();
    }
}
