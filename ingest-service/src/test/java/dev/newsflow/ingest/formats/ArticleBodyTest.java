package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

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

    @Test
    void paragraphsAreSplitAtBlankLinesAsTheRegexRuleSays() {
        // Windows line ends: a CR LF is one line break, not a blank line (as the regex \R\s*\R would have it, since
        // Java's \R may match the CR alone).
        assertThat(ArticleBody.paragraphs("One line,\r\nthe same paragraph.\r\n\r\nThe next."))
                .containsExactly("One line,\r\nthe same paragraph.", "The next.");
        // The rule, as a regex: a line break, any whitespace, a line break, where CR LF is one break. Random texts of
        // words, spaces and every kind of line break, split both ways.
        String lineBreak = "(?>\r\n|[\n\u000B\f\r\u0085\u2028\u2029])";
        Pattern rule = Pattern.compile(lineBreak + "\\s*" + lineBreak);
        char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u0085', '\u2028', '\u2029'};
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(24); length > 0; length--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String stripped = text.toString().strip();
            List<String> expected = Arrays.stream(rule.split(stripped)).filter(p -> !p.isBlank()).map(String::strip).toList();

            assertThat(ArticleBody.paragraphs(stripped)).as("%s", stripped.chars().mapToObj(c -> String.format("%04x", c)).toList())
                    .isEqualTo(expected);
        }
    }
}
