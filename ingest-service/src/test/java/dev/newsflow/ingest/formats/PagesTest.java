package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** Whole article pages, as fetched and as a reader copies their text, read into articles. */
class PagesTest {

    @Test
    void anArticlePageGivesItsMetadataAndItsStoryWithoutThePagesFurniture() throws IOException {
        Page page = HtmlPage.read(resource("harbour-strike.html"));

        assertThat(page.title()).isEqualTo("Dock workers walk out over pay at three ports");
        assertThat(page.author()).isEqualTo("Priya Natarajan");
        assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2026-04-02T06:15:00Z"));
        assertThat(page.url()).isEqualTo("https://herald.example/business/2026/04/02/dock-strike?page=1");
        assertThat(page.categories()).containsExactly("Business", "Economy", "Transport");
        assertThat(page.source()).isEqualTo("Coastal Herald");
        assertThat(page.language()).isEqualTo("en-GB");

        ArticleBody body = ArticleBody.ofHtml(page.bodyHtml());
        assertThat(body.text().split("\n\n")).containsExactly(
                "Dock workers at three of the country's busiest ports walked out on Thursday after talks over a pay rise "
                        + "broke down, leaving dozens of container ships waiting offshore.",
                "The union said its members had rejected an offer of a 4 percent increase because it did not keep pace "
                        + "with rising rents in port towns.",
                "Talks to Resume",
                "Port operators said they would return to talks on Monday and urged the union to call off the strike "
                        + "while negotiations continue.",
                "Freight companies warned that a long stoppage would push up prices for imported food and fuel within weeks.");
        assertThat(body.photoCredits()).containsExactly("Photograph: Tom Wheeler/Coastal Herald");
        assertThat(body.html()).contains("<h2>Talks to Resume</h2>").doesNotContain("cookie", "Related", "Share", "©");
    }

    @Test
    void aPageWhoseBodyOrStoryWrapperHasAFurnitureWordInItsClassKeepsItsStory() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head>"
                + "<body class=\"has-ads sticky-nav\"><nav class=\"menu\"><a href=\"/\">Home</a></nav>"
                + "<div class=\"content has-social-share\"><h1>Floods close schools</h1>"
                + "<p>Schools across the valley closed on Friday as rivers burst their banks after a week of rain.</p>"
                + "<p>The council said buses would not run until the water had gone down on the valley roads.</p>"
                + "<div class=\"share-bar\">Share on social media</div></div></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text()).contains("Schools across the valley closed on Friday",
                "The council said buses would not run").doesNotContain("Home", "Share on social media");
    }

    @Test
    void withoutJsonLdTheOpenGraphTagsTheH1AndTheTitleAreUsed() {
        assertThat(HtmlPage.read("<html><head><title>Floods close schools | Valley News</title></head><body><p>"
                + "Schools across the valley closed on Friday as rivers burst their banks after a week of rain.</p></body></html>")
                .title()).isEqualTo("Floods close schools");
        assertThat(HtmlPage.read("<html><head><title>Valley News</title></head><body><h1>Floods close schools</h1><p>"
                + "Schools closed.</p></body></html>").title()).isEqualTo("Floods close schools");
        Page page = HtmlPage.read("<html><head><meta property=\"og:title\" content=\"Floods close schools\">"
                + "<script type=\"application/ld+json\">{not json</script></head><body><p>Schools closed.</p></body></html>");
        assertThat(page.title()).isEqualTo("Floods close schools");
        assertThat(page.url()).isNull();
        assertThat(page.publishedAt()).isNull();
    }

    @Test
    void aCopiedPageGivesItsHeadlineBylineDateSourceAndCategories() {
        Page page = PageText.read("""
                Dock workers walk out over pay at three ports
                By Priya Natarajan
                Thu 2 Apr 2026 07.15 BST
                Share this article

                Dock workers at three ports walked out on Thursday after talks over a pay rise broke down.

                By Friday morning, 40 ships were waiting offshore.

                Talks to Resume

                Port operators said they would return to talks on Monday.

                Source: Coastal Herald
                Categories: Business, Transport
                https://herald.example/business/2026/04/02/dock-strike
                """);

        assertThat(page.title()).isEqualTo("Dock workers walk out over pay at three ports");
        assertThat(page.author()).isEqualTo("Priya Natarajan");
        assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2026-04-02T06:15:00Z"));
        assertThat(page.source()).isEqualTo("Coastal Herald");
        assertThat(page.categories()).containsExactly("Business", "Transport");
        assertThat(page.url()).isEqualTo("https://herald.example/business/2026/04/02/dock-strike");
        ArticleBody body = ArticleBody.ofText(page.body());
        assertThat(body.text().split("\n\n")).containsExactly(
                "Dock workers at three ports walked out on Thursday after talks over a pay rise broke down.",
                "By Friday morning, 40 ships were waiting offshore.",
                "Talks to Resume",
                "Port operators said they would return to talks on Monday.");
        assertThat(body.html()).contains("<h2>Talks to Resume</h2>");
    }

    @Test
    void aCopyWithoutBlankLinesHasAParagraphALineAndANameLineAsByline() {
        Page page = PageText.read("Floods close schools\nName: Ann Writer\n10 March 2026\nSchools closed on Friday.\n"
                + "Rivers burst their banks.\nSource: Valley News");

        assertThat(page.author()).isEqualTo("Ann Writer");
        assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T00:00:00Z"));
        assertThat(page.body()).isEqualTo("Schools closed on Friday.\n\nRivers burst their banks.");
        assertThat(page.source()).isEqualTo("Valley News");
    }

    @Test
    void aNameAloneUnderTheHeadlineIsTheByline() {
        Page page = PageText.read("Floods close schools\nAnn Writer in Leeds\nTue 10 Mar 2026 14.30 GMT\n\nSchools closed.");

        assertThat(page.author()).isEqualTo("Ann Writer");
        assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2026-03-10T14:30:00Z"));
        assertThat(page.body()).isEqualTo("Schools closed.");
    }

    @Test
    void datesAreReadAsBylinesWriteThem() {
        assertThat(PageDates.ofLine("March 10, 2026, 2:30 PM UTC")).isEqualTo(OffsetDateTime.parse("2026-03-10T14:30:00Z"));
        assertThat(PageDates.ofLine("Published: Mar 10, 2026")).isEqualTo(OffsetDateTime.parse("2026-03-10T00:00:00Z"));
        assertThat(PageDates.ofLine("Tuesday 10 March 2026 14:30 GMT")).isEqualTo(OffsetDateTime.parse("2026-03-10T14:30:00Z"));
        assertThat(PageDates.ofMetadata("2026-03-10T14:30:00")).isEqualTo(OffsetDateTime.parse("2026-03-10T14:30:00Z"));
        assertThat(PageDates.ofLine("The talks resumed on March 10, 2026")).isNull();
        assertThat(PageDates.ofLine("2026 was a hard year")).isNull();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PagesTest.class.getResourceAsStream("/pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
