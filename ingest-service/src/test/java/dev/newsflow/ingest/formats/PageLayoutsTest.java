package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** Page layouts of real news sites, each on a minimal page: what ingest takes from them and what it leaves. */
class PageLayoutsTest {

    private static final String STORY = "<p>Schools across the valley closed on Friday as rivers burst their banks after a week of rain.</p>"
            + "<p>The council said buses would not run until the water had gone down on the valley roads.</p>"
            + "<p>Forecasters expect more rain on Sunday, and the river authority has asked people to stay away from the banks.</p>";

    @Test
    void metadataTimesWithAnOffsetWithoutItsColonAreRead() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title>"
                + "<meta property=\"article:published_time\" content=\"2026-02-03T09:00:00+0000\"></head><body>" + STORY + "</body></html>");

        assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2026-02-03T09:00:00Z"));
        assertThat(PageDates.ofMetadata("2026-02-03T04:00:00-0500")).isEqualTo(OffsetDateTime.parse("2026-02-03T09:00:00Z"));
    }

    @Test
    void bylineDatesWithAtOrTheTimeFirstAndPublishedUpdatedPairsAreDateLines() {
        assertThat(PageDates.ofLine("February 3, 2026 at 4:00 AM EST")).isEqualTo(OffsetDateTime.parse("2026-02-03T09:00:00Z"));
        assertThat(PageDates.ofLine("Published: 09:00, 3 February 2026")).isEqualTo(OffsetDateTime.parse("2026-02-03T09:00:00Z"));

        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><article><h1>Floods close schools</h1>"
                + "<p class=\"stamp\">Published: 09:00, 3 February 2026 | Updated: 11:20, 3 February 2026</p>"
                + "<div class=\"stamp\">February 3, 2026 at 4:00 AM EST</div>" + STORY + "</article></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text()).startsWith("Schools across the valley").doesNotContain("2026");
    }

    @Test
    void boxesNamedInDataAttributesAndAmpComponentsAreFurnitureButPaywalledTextIsTheStory() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><main><article>"
                + "<h1>Floods close schools</h1><div class=\"paywall\" data-qa=\"article-body\">" + STORY + "</div>"
                + "<amp-ad type=\"doubleclick\"><div fallback>Ad failed to load</div></amp-ad>"
                + "<div data-qa=\"newsletter-signup\"><h3>The Morning Briefing</h3></div>"
                + "<div class=\"jp-relatedposts\"><p>Council approves new bus lanes after two-year row</p></div></article></main></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).hasSize(3).allMatch(p -> !p.contains("Ad failed")
                && !p.contains("Morning Briefing") && !p.contains("bus lanes"));
    }

    @Test
    void paragraphsWrittenAsDivsOfTextAndLinksAreWholeParagraphs() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><div class=\"headline\">"
                + "<h1>Floods close schools</h1></div><div class=\"article__content\">"
                + "<div class=\"paragraph\">Schools across the <a href=\"/valley\">valley</a> <span>closed on Friday as rivers burst "
                + "their banks after a week of rain.</span></div>"
                + "<div class=\"paragraph\">The council said <a href=\"/buses\">buses</a> would not run until the water had gone "
                + "down on the valley roads.</div>"
                + "<div class=\"paragraph\">Forecasters expect more rain on Sunday, and the <a href=\"/river\">river authority</a> "
                + "has asked people to stay away from the banks.</div></div></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).containsExactly(
                "Schools across the valley closed on Friday as rivers burst their banks after a week of rain.",
                "The council said buses would not run until the water had gone down on the valley roads.",
                "Forecasters expect more rain on Sunday, and the river authority has asked people to stay away from the banks.");
    }

    @Test
    void withoutJsonLdTheBylineBreadcrumbsAndTheH1GiveAuthorSectionAndTitle() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools - Valley News</title>"
                + "<meta property=\"og:title\" content=\"Floods close schools - Valley News\"></head><body>"
                + "<nav class=\"breadcrumbs\"><a href=\"/\">Home</a> › <a href=\"/news\">News</a> › <a href=\"/news/weather\">Weather</a></nav>"
                + "<main><h1>Floods close schools</h1><p class=\"byline\">By Ann Writer, Weather reporter</p>" + STORY + "</main></body></html>");

        assertThat(page.title()).isEqualTo("Floods close schools");
        assertThat(page.author()).isEqualTo("Ann Writer");
        assertThat(page.categories()).containsExactly("Weather");
        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text()).doesNotContain("Ann Writer");
    }

    @Test
    void theOutletInAMetaAuthorAndTheSiteInOpenGraphTitlesAreLeftOut() {
        Page page = HtmlPage.read("<html><head><meta name=\"author\" content=\"Ann Writer For Valleyonline\">"
                + "<meta property=\"og:site_name\" content=\"Valley News\"><meta name=\"section\" content=\"weather\">"
                + "<meta property=\"og:title\" content=\"Floods close schools | Valley News\"></head><body>" + STORY + "</body></html>");

        assertThat(page.author()).isEqualTo("Ann Writer");
        assertThat(page.title()).isEqualTo("Floods close schools");
        assertThat(page.categories()).containsExactly("weather");
    }

    @Test
    void copyrightContributorContactAndPointerLinesAroundTheStoryAreLeftOut() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title><meta name=\"author\" content=\"Ann Writer\">"
                + "</head><body><article><h1>Floods close schools</h1><p>ANN WRITER</p><p>May 4, 2026 · 3 min read</p>"
                + "<p>Scroll down for video</p>" + STORY
                + "<p><i>Associated Press writer Ben Reed in Leeds contributed to this report.</i></p>"
                + "<p>Copyright 2026 The Associated Press. All rights reserved.</p><p>View comments (212)</p>"
                + "<p><strong>Media contact:</strong> Press Office, press@valley.example</p>"
                + "<p>Got a story? Email newsdesk@valley.example</p></article></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).hasSize(3)
                .allMatch(paragraph -> paragraph.startsWith("Schools") || paragraph.startsWith("The council")
                        || paragraph.startsWith("Forecasters"));
    }

    @Test
    void aSentenceOfTheStoryAboutContributionsOrCommentsStays() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><article>" + STORY
                + "<p>Thousands of residents contributed to the flood fund, and the council said it would match every pound given.</p>"
                + "</article></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text()).contains("Thousands of residents contributed to the flood fund");
    }

    @Test
    void aCreditInItsOwnElementBesideTheCaptionIsACredit() {
        ArticleBody body = ArticleBody.ofHtml("<p>Schools across the valley closed on Friday as rivers burst their banks.</p>"
                + "<figure><img src=\"/flood.jpg\"><figcaption><span>Children wade through water near the school.</span>"
                + "<span>Credit: Jane Doe/Reuters</span></figcaption></figure>");

        assertThat(body.photoCredits()).containsExactly("Credit: Jane Doe/Reuters");
        assertThat(body.text()).isEqualTo("Schools across the valley closed on Friday as rivers burst their banks.");
    }

    @Test
    void aCreditUnderAnImageWithoutAFigcaptionIsACreditNotBodyText() {
        Page press = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><article><h1>Floods close schools</h1>"
                + "<div class=\"field--name-body\">Schools across the valley closed on Friday as rivers burst their banks after a week "
                + "of rain.<br><br><img src=\"/p.jpg\"><br><em>Children wade through water near the school. Photo: Marco Vitale/Example "
                + "Wire</em><br><br>The council said buses would not run until the water had gone down on the valley roads.<br><br>"
                + "Forecasters expect more rain on Sunday, and the river authority has asked people to stay away.<br><br></div>"
                + "</article></body></html>");
        ArticleBody wrapped = ArticleBody.ofHtml("<p>Schools across the valley closed on Friday as rivers burst their banks.</p>"
                + "<div class=\"image\"><div class=\"image__container\"><img src=\"/i.jpg\"></div><div class=\"image__metadata\">"
                + "<div class=\"image__caption\">Children wade through water near the school.</div>"
                + "<div class=\"image__credit\">Marco Vitale/Example Wire</div></div></div>");
        ArticleBody figure = ArticleBody.ofHtml("<p>Schools across the valley closed on Friday as rivers burst their banks.</p>"
                + "<figure><img src=\"/i.jpg\"><span class=\"credit\">Marco Vitale/Example Wire</span></figure>");

        ArticleBody pressBody = ArticleBody.ofHtml(press.bodyHtml());
        assertThat(pressBody.photoCredits()).containsExactly("Photo: Marco Vitale/Example Wire");
        assertThat(pressBody.text()).doesNotContain("wade");
        assertThat(wrapped.photoCredits()).containsExactly("Marco Vitale/Example Wire");
        assertThat(wrapped.text()).isEqualTo("Schools across the valley closed on Friday as rivers burst their banks.");
        assertThat(figure.photoCredits()).containsExactly("Marco Vitale/Example Wire");
    }

    @Test
    void aCaptionEndingInNamesAroundASlashCarriesItsCredit() {
        ArticleBody body = ArticleBody.ofHtml("<p>Schools across the valley closed on Friday as rivers burst their banks.</p>"
                + "<figure><img src=\"/flood.jpg\"><figcaption>Children wade through water near the school. "
                + "<span>(Marco Vitale/Example Wire)</span></figcaption></figure>"
                + "<p>The Reuters/Ipsos poll found most parents backed the closures.</p>");

        assertThat(body.photoCredits()).containsExactly("(Marco Vitale/Example Wire)");
        assertThat(body.text()).contains("The Reuters/Ipsos poll found most parents backed the closures.");
    }

    @Test
    void aSubheadingInAWrapperOfItsOwnBetweenParagraphsStays() {
        String paragraph = "<div class=\"paragraph\">%s closed on Friday as rivers burst their banks after a week of rain, and the "
                + "roads into the town flooded, officials said.</div>";
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><div class=\"layout\">"
                + "<div class=\"headline\"><h1>Floods close schools</h1></div><div class=\"article__content\">"
                + paragraph.formatted("Schools") + paragraph.formatted("Shops") + paragraph.formatted("Libraries")
                + "<div class=\"subheader\" data-component-name=\"subheader\"><h2>Aid Convoys Held Up</h2></div>"
                + paragraph.formatted("Clinics") + paragraph.formatted("Banks") + "</div></div></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).hasSize(6).contains("Aid Convoys Held Up");
        assertThat(ArticleBody.ofHtml(page.bodyHtml()).html()).contains("<h2>Aid Convoys Held Up</h2>");
    }

    @Test
    void aPersonNamedOnThePageIsTheAuthorRatherThanAnOrganisationInJsonLd() {
        String jsonLd = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Floods close schools\","
                + "\"author\":{\"@type\":\"NewsMediaOrganization\",\"name\":\"Reuters\"}}</script>";

        Page bylined = HtmlPage.read("<html><head>" + jsonLd + "</head><body><article><h1>Floods close schools</h1>"
                + "<p class=\"byline\">By Ann Writer</p>" + STORY + "</article></body></html>");
        Page unsigned = HtmlPage.read("<html><head>" + jsonLd + "</head><body><article><h1>Floods close schools</h1>" + STORY
                + "</article></body></html>");
        Page people = HtmlPage.read("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                + "[{\"@type\":\"Person\",\"name\":\"Ben Reed\"},{\"@type\":\"Organization\",\"name\":\"Reuters\"}]}</script></head>"
                + "<body><article><p class=\"byline\">By Ann Writer</p>" + STORY + "</article></body></html>");

        assertThat(bylined.author()).isEqualTo("Ann Writer");
        assertThat(unsigned.author()).isEqualTo("Reuters");
        assertThat(people.author()).isEqualTo("Ben Reed");
    }

    @Test
    void aListOfLinksUnderALinkBoxHeadingGoesWithTheHeading() {
        String boxes = "<h2>More on this story</h2><ul><li><a href=\"/a\">Council approves new bus lanes after two-year row</a></li>"
                + "<li><a href=\"/b\">Why house prices are falling in the south</a></li></ul>"
                + "<div><h3>Related</h3></div><p><a href=\"/c\">Police appeal for witnesses after late-night crash</a></p>";

        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><main><article>"
                + "<h1>Floods close schools</h1>" + STORY + boxes + "</article></main></body></html>");
        ArticleBody sent = ArticleBody.ofHtml(STORY + boxes);

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).hasSize(3).allMatch(p -> !p.contains("bus lanes")
                && !p.contains("house prices") && !p.contains("witnesses"));
        assertThat(sent.text().split("\n\n")).hasSize(3);
    }

    @Test
    void aLinkBoxHeadingOverProseAndASummaryHeadingOverTheStoryStay() {
        ArticleBody body = ArticleBody.ofHtml(STORY + "<h2>Related</h2><p>Neighbouring towns closed their schools too, and "
                + "the county council said it would <a href=\"/x\">review its flood plans</a> before the winter.</p>"
                + "<h2>Summary</h2><ul><li>Schools shut, buses stopped and more rain forecast for the valley on Sunday</li></ul>");

        assertThat(body.text()).contains("Neighbouring towns closed their schools too").contains("Schools shut, buses stopped");
    }

    @Test
    void aKeyPointsBoxAboveTheStoryIsNotTheStory() {
        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><main><h1>Floods close schools</h1>"
                + "<div class=\"box\"><h2>Key points</h2><ul><li>Valley schools shut as rivers rise</li><li>No buses until the "
                + "floods recede</li><li>More rain is forecast for Sunday</li></ul></div>" + STORY + "</main></body></html>");

        assertThat(ArticleBody.ofHtml(page.bodyHtml()).text().split("\n\n")).hasSize(3)
                .allMatch(p -> !p.contains("Key points") && !p.contains("recede"));
    }

    @Test
    void embeddedPostsAndCaptionsNamedByTheirClassAreNotTheStoryButAnEditorsNoteIs() {
        String note = "<p><em>Editor's note: This story has been updated with the council's statement.</em></p>";
        String extras = "<p class=\"caption\">Children wade through flood water near the school gates.</p>"
                + "<blockquote class=\"twitter-tweet\"><p>Our buses will not run tomorrow. Stay safe everyone</p>&mdash; Valley "
                + "Council (@valleycouncil) <a href=\"https://twitter.com/x\">February 3, 2026</a></blockquote>"
                + "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/x/\"><div><p>Flood "
                + "water on the high street this morning</p></div></blockquote>"
                + "<blockquote class=\"tiktok-embed\" cite=\"https://www.tiktok.com/@x/video/1\"><section><p>Kayaking down Main "
                + "Street #flood</p></section></blockquote>";

        Page page = HtmlPage.read("<html><head><title>Floods close schools</title></head><body><main><article>"
                + "<h1>Floods close schools</h1>" + note + STORY + extras + "</article></main></body></html>");
        ArticleBody sent = ArticleBody.ofHtml(note + STORY + extras);

        String text = ArticleBody.ofHtml(page.bodyHtml()).text();
        assertThat(text.split("\n\n")).hasSize(4);
        assertThat(text).startsWith("Editor's note");
        assertThat(sent.text().split("\n\n")).hasSize(4);
        assertThat(sent.html()).contains("Children wade through flood water");
    }
}
