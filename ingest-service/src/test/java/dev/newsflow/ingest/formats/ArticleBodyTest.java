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
    void aBoxOfLinksToOtherArticlesIsNotTheBodyWhileProseThatStartsLikeOneIs() {
        ArticleBody body = ArticleBody.ofText("""
                Storm closes the coast road.

                Related posts
                • Council approves new sea wall
                • Ferry services cancelled for a second day

                Related talks between the council and the ferry operator stalled on Tuesday.

                Read more: Why the coast road keeps flooding
                """);

        assertThat(body.text()).isEqualTo("""
                Storm closes the coast road.

                Related talks between the council and the ferry operator stalled on Tuesday.""");
    }

    @Test
    void sentencesThatMerelyMentionPhotosAreText() {
        assertThat(PhotoCredits.isCreditLine("Photographs of the damage were shared widely on Monday, officials said."))
                .isFalse();
        assertThat(PhotoCredits.isCreditLine("Picture: the harbour after the storm")).isTrue();
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
        assertThat(PhotoCredits.isCreditLine("PHOTO: Ann Lens")).isTrue();
        assertThat(PhotoCredits.isCreditLine("(Image by Sam Shutter)")).isTrue();
        assertThat(PhotoCredits.isCreditLine("Credits: Example Wire")).isTrue();
        assertThat(PhotoCredits.isCreditLine("Foto: Anna Linse")).isTrue();
        assertThat(PhotoCredits.isCreditLine("Police said: the road is closed")).isFalse();
    }

    @Test
    void aLeadRepeatedAsACaptionWithACreditIsKeptOnceAndTheCreditGoesToTheCredits() {
        String lead = "US and Russian officers met at the Hmeimim air base on Tuesday to agree on how their forces "
                + "keep out of each other's way over Syria, the first such talks in months.";
        ArticleBody body = ArticleBody.ofText(String.join("\n\n", lead,
                "The meeting lasted four hours, officials on both sides said.",
                lead + " Photo credit: Alexander Nemenov / Pool via EPA / NBC News",
                "A second round is planned for next month."));

        assertThat(body.text()).containsOnlyOnce("Hmeimim air base").doesNotContain("Nemenov", "Photo credit", "EPA");
        assertThat(body.text().split("\n\n")).hasSize(3);
        assertThat(body.photoCredits()).containsExactly("Photo credit: Alexander Nemenov / Pool via EPA / NBC News");
    }

    @Test
    void aCaptionBeforeTheParagraphItRepeatsLeavesThatParagraph() {
        ArticleBody body = ArticleBody.ofText(String.join("\n\n",
                "Rescue teams search the rubble in Antakya. Burak Kara/Getty Images",
                "Rescue teams search the rubble in Antakya after the second quake, which struck at dawn on Monday.",
                "More than 300 people were pulled out alive."));

        assertThat(body.text()).isEqualTo("Rescue teams search the rubble in Antakya after the second quake, which struck at "
                + "dawn on Monday.\n\nMore than 300 people were pulled out alive.");
        assertThat(body.photoCredits()).containsExactly("Burak Kara/Getty Images");
    }

    @Test
    void aCaptionIsNoBodyTextAndItsCreditGoesToTheCredits() {
        ArticleBody body = ArticleBody.ofText(String.join("\n\n",
                "The central bank raised its main rate to 4.5 percent on Thursday.",
                "The governor at a news conference in Frankfurt. (Photo: Ann Lens/Example Wire)",
                "Markets had expected the move."));

        assertThat(body.text()).isEqualTo("The central bank raised its main rate to 4.5 percent on Thursday.\n\n"
                + "Markets had expected the move.");
        assertThat(body.photoCredits()).containsExactly("Photo: Ann Lens/Example Wire");
    }

    @Test
    void paragraphsAboutCreditAndImagesAreKeptWhole() {
        String text = String.join("\n\n",
                "Banks tightened credit: loans to small firms fell 4% in the quarter.",
                "Credit Suisse's image problem predates the merger, analysts said.",
                "Getty Images reported higher licensing revenue.");

        ArticleBody body = ArticleBody.ofText(text);

        assertThat(body.text()).isEqualTo(text);
        assertThat(body.photoCredits()).isEmpty();
    }

    @Test
    void aTitleCaseLineBetweenParagraphsIsASubheading() {
        ArticleBody body = ArticleBody.ofText(String.join("\n\n",
                "Talks resumed on Tuesday.",
                "What Moscow Wants",
                "Russia asked for a new line of contact & more flights.",
                "Officials said a deal was close."));

        assertThat(body.text()).contains("\n\nWhat Moscow Wants\n\n");
        assertThat(body.html()).isEqualTo("<p>Talks resumed on Tuesday.</p>\n<h2>What Moscow Wants</h2>\n"
                + "<p>Russia asked for a new line of contact &amp; more flights.</p>\n<p>Officials said a deal was close.</p>");
    }

    @Test
    void sentencesShortLinesInSentenceCaseAndFirstOrLastLinesAreNotSubheadings() {
        assertThat(ArticleBody.ofText("Talks resumed.\n\nIt was late.\n\nThe end came soon.").html()).isNull();
        assertThat(ArticleBody.ofText("Talks Resumed\n\nIt was late.\n\nSource: Example Wire").html()).isNull();
        assertThat(ArticleBody.ofText("It was late.\n\nBy Sam Reporter\n\nThe end came soon.").html()).isNull();
        assertThat(ArticleBody.ofText("It was late.\n\nWhat the deal means for Syria\n\nThe end came soon.").html()).isNull();
    }

    @Test
    void htmlSubheadingsStayHeadingsAndBoldTitleCaseParagraphsBecomeThem() {
        ArticleBody body = ArticleBody.ofHtml("<p>Talks resumed on Tuesday.</p><h2>What Moscow Wants</h2><p>A new line.</p>"
                + "<p><strong>The Road Ahead</strong></p><p>Officials said a deal was close.</p>"
                + "<p><strong>Warning:</strong> roads are closed.</p>");

        assertThat(body.html()).contains("<h2>What Moscow Wants</h2>", "<h2>The Road Ahead</h2>",
                "<p><strong>Warning:</strong> roads are closed.</p>");
        assertThat(body.text()).contains("What Moscow Wants\n\nA new line.\n\nThe Road Ahead\n\nOfficials");
    }

    @Test
    void aCaptionRepeatInHtmlLeavesTheTextAndTheParagraphCopyButNotTheFigure() {
        String lead = "US and Russian officers met at the Hmeimim air base on Tuesday to agree on how their forces keep apart.";
        ArticleBody body = ArticleBody.ofHtml("<p>" + lead + "</p><p>The meeting lasted four hours.</p>"
                + "<figure><img src=\"https://daily.example/base.jpg\"><figcaption>" + lead
                + " Photo credit: Alexander Nemenov / Pool via EPA / NBC News</figcaption></figure>"
                + "<p>" + lead + " Photo credit: Alexander Nemenov / Pool via EPA / NBC News</p>");

        assertThat(body.text()).isEqualTo(lead + "\n\nThe meeting lasted four hours.");
        assertThat(body.photoCredits()).containsExactly("Photo credit: Alexander Nemenov / Pool via EPA / NBC News");
        assertThat(body.html()).containsOnlyOnce("<p>" + lead + "</p>").contains("<figcaption>");
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
