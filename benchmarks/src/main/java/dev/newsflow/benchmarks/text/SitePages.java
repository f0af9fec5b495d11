package dev.newsflow.benchmarks.text;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jsoup.nodes.Entities;

/**
 * The evaluation articles as whole pages, in the styles of five kinds of news site (written for this evaluation):
 * a wire service (JSON-LD, Open Graph, a lead repeated as a photo caption with its credit), a broadsheet (JSON-LD
 * in an {@code @graph}, "Most viewed"), a WordPress local paper (no JSON-LD, bold paragraphs as subheadings,
 * "Categories:" links, share and comment furniture), a broadcaster (text blocks, "Image source" captions, "Related
 * topics") and a magazine (Open Graph only, pull quote, recommended box). Each has navigation, a cookie banner, a
 * newsletter prompt and a footer. And as text, the way a reader copies each page.
 */
final class SitePages {

    static final List<String> SITES = List.of("wire", "broadsheet", "local", "broadcaster", "magazine");
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("MMMM d, uuuu, h:mm a 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter GUARDIAN = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH.mm 'GMT'", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private SitePages() {
    }

    /** The page of {@code article} on a site of kind {@code site}. */
    static String html(EvalArticle article, String site) {
        String url = "https://" + site + ".example/" + article.section().toLowerCase(Locale.ROOT) + "/" + article.id();
        String iso = article.published().toString();
        String human = HUMAN.format(article.published().atOffset(ZoneOffset.UTC));
        String title = esc(article.title());
        String author = esc(article.author());
        String section = esc(article.section());
        String head = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <title>%s | %s News</title><meta name="viewport" content="width=device-width">
                <link rel="stylesheet" href="/css/site.css"><script src="/js/ads.js"></script>
                """.formatted(title, site);
        String chrome = """
                <div class="cookie-notice" role="dialog"><p>We and our partners use cookies to personalise content and
                ads and to analyse our traffic. You can change your choices at any time.</p><button>Accept</button></div>
                <header class="site-header"><a href="/" class="logo">%1$s News</a><nav><ul><li><a href="/world">World</a></li>
                <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
                </ul></nav></header>
                """.formatted(site);
        String newsletter = """
                <div class="newsletter-promo"><h3>Get the morning briefing</h3><p>Sign up for our free newsletter and get
                the day's top stories in your inbox.</p><form><input type="email"><button>Sign up</button></form></div>
                """;
        String footer = """
                <footer class="site-footer"><p>© 2026 %s News Ltd. All rights reserved.</p><a href="/privacy">Privacy</a>
                <a href="/terms">Terms</a><a href="/contact">Contact us</a></footer></body></html>
                """.formatted(site);
        String jsonLd = """
                <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": "%s", "datePublished": "%s", "author": [{"@type": "Person", "name": "%s"}],
                "articleSection": "%s", "mainEntityOfPage": "%s"}</script>
                """.formatted(json(article.title()), iso, json(article.author()), json(article.section()), url);
        return switch (site) {
            case "wire" -> head + jsonLd + """
                    <meta property="og:title" content="%s"><link rel="canonical" href="%s"></head><body>
                    """.formatted(title, url) + chrome + """
                    <main><article><h1 class="headline">%s</h1><div class="byline">By <span class="author">%s</span>
                    <time datetime="%s">%s</time></div><div class="share-bar"><a>Facebook</a><a>X</a><a>Email</a></div>
                    <div class="article-body">%s%s</div></article>
                    <aside class="related-stories"><h2>Related</h2><ul><li><a href="/x">Earlier: talks resume</a></li>
                    <li><a href="/y">Analysis: what comes next</a></li></ul></aside></main>
                    """.formatted(title, author, iso, human, body(article, "wire"), newsletter) + footer;
            case "broadsheet" -> head + """
                    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage",
                    "name": "%1$s"}, {"@type": "NewsArticle", "headline": "%1$s", "datePublished": "%2$s",
                    "author": {"@type": "Person", "name": "%3$s"}, "articleSection": ["%4$s"]}]}</script>
                    <link rel="canonical" href="%5$s"></head><body>
                    """.formatted(json(article.title()), iso, json(article.author()), json(article.section()), url) + chrome + """
                    <div class="content"><div class="content__labels"><a href="/%s">%s</a></div><h1>%s</h1>
                    <p class="byline"><a rel="author" href="/profile/x">%s</a></p><p class="dateline">%s</p>
                    <div class="article-body-commercial-selector">%s</div>
                    <div class="submeta"><a href="/t1">Topics</a></div></div>
                    <section class="most-viewed"><h2>Most viewed</h2><ol><li>Markets fall as oil jumps</li>
                    <li>The best films of the year so far</li></ol></section>
                    """.formatted(section.toLowerCase(Locale.ROOT), section, title, author,
                    GUARDIAN.format(article.published().atOffset(ZoneOffset.UTC)), body(article, "broadsheet")) + newsletter + footer;
            case "local" -> head + """
                    <meta name="author" content="%s"></head><body class="single-post">
                    """.formatted(author) + chrome + """
                    <div id="primary"><article class="post"><h1 class="entry-title">%s</h1>
                    <div class="entry-meta">Posted on <time class="entry-date" datetime="%s">%s</time> by
                    <span class="author vcard">%s</span></div><div class="entry-content">%s
                    <div class="sharedaddy"><h3>Share this:</h3><a>Facebook</a><a>Twitter</a></div>
                    <div class="jp-relatedposts"><h3>Related</h3><a>Council meets on budget</a></div></div>
                    <div class="entry-footer">Categories: <a href="/category/x">%s</a>, <a href="/category/news">News</a></div>
                    </article><div id="comments"><h3>2 thoughts on this</h3><p>Great piece, thanks for writing it.</p></div>
                    </div>
                    """.formatted(title, iso, DAY.format(article.published().atOffset(ZoneOffset.UTC)), author,
                    body(article, "local"), section) + newsletter + footer;
            case "broadcaster" -> head + """
                    <meta property="og:title" content="%s"><meta property="article:section" content="%s">
                    <meta property="article:published_time" content="%s"><meta name="author" content="%s">
                    <link rel="canonical" href="%s"></head><body>
                    """.formatted(title, section, iso, author, url) + chrome + """
                    <main id="main-content"><article><header><h1 id="main-heading">%s</h1></header>
                    <div data-component="byline-block"><span>%s</span><span>%s correspondent</span></div>
                    %s<div data-component="tags"><h2>Related topics</h2><a>%s</a></div></article>
                    <section class="more-on-this-story"><h2>More on this story</h2><a>Live: follow the latest</a></section></main>
                    """.formatted(title, author, section, body(article, "broadcaster"), section) + newsletter + footer;
            default -> head + """
                    <meta property="og:title" content="%s"><meta property="article:section" content="%s">
                    <meta property="article:published_time" content="%s"><link rel="canonical" href="%s"></head><body>
                    """.formatted(title, section, iso, url) + chrome + """
                    <main><article class="story"><header class="story-header"><p class="rubric">%s</p><h1>%s</h1>
                    <a class="author-link" rel="author" href="/authors/x">%s</a></header>
                    <section class="article-section">%s</section></article>
                    <section class="recommended"><h2>Recommended</h2><a>How we live now</a></section></main>
                    """.formatted(section, title, author, body(article, "magazine")) + newsletter + footer;
        };
    }

    private static String body(EvalArticle article, String site) {
        StringBuilder body = new StringBuilder();
        List<EvalArticle.Block> blocks = article.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            EvalArticle.Block block = blocks.get(i);
            String text = esc(block.text());
            body.append(switch (block.kind()) {
                case HEADING -> switch (site) {
                    case "local" -> "<p><strong>" + text + "</strong></p>";
                    case "broadcaster" -> "<div data-component=\"subheadline-block\"><h2>" + text + "</h2></div>";
                    default -> "<h2>" + text + "</h2>";
                };
                case CAPTION -> switch (site) {
                    case "local" -> "<div class=\"wp-caption\"><img src=\"/p.jpg\"><p class=\"wp-caption-text\">" + text
                            + (block.credit() == null ? "" : " (" + esc(block.credit()) + ")") + "</p></div>";
                    case "broadcaster" -> "<figure><img src=\"/p.jpg\"><span>Image source, " + esc(credit(block.credit()))
                            + "</span><figcaption>Image caption, " + text + "</figcaption></figure>";
                    default -> "<figure><img src=\"/p.jpg\" alt=\"\"><figcaption>" + text + (block.credit() == null ? ""
                            : " <span class=\"credit\">" + esc(block.credit()) + "</span>") + "</figcaption></figure>";
                };
                case PARAGRAPH -> site.equals("broadcaster")
                        ? "<div data-component=\"text-block\"><p>" + text + "</p></div>" : "<p>" + text + "</p>";
            }).append('\n');
            if (i == 1 && site.equals("wire")) {
                // The lead again, as a photo caption with a pool credit, as some wires print it.
                body.append("<figure><img src=\"/lead.jpg\"><figcaption>").append(esc(blocks.get(0).text()))
                        .append(" Photo credit: Alex Rowe / Pool via EPA</figcaption></figure>\n")
                        .append("<p class=\"read-more\">Read more: <a href=\"/z\">Earlier coverage</a></p>\n");
            }
            if (i == 2 && site.equals("magazine") && block.kind() == EvalArticle.Block.Kind.PARAGRAPH) {
                body.append("<blockquote class=\"pull-quote\"><p>").append(esc(firstSentence(blocks.get(0).text())))
                        .append("</p></blockquote>\n");
            }
        }
        return body.toString();
    }

    /** The page as a reader copies its text: headline, byline, date, the story with its captions, source, categories. */
    static String text(EvalArticle article, String site) {
        StringBuilder text = new StringBuilder(article.title()).append('\n');
        switch (site) {
            case "wire" -> text.append("By ").append(article.author()).append('\n')
                    .append(HUMAN.format(article.published().atOffset(ZoneOffset.UTC))).append("\nShare this article\n\n");
            case "broadsheet" -> text.append(article.author()).append('\n')
                    .append(GUARDIAN.format(article.published().atOffset(ZoneOffset.UTC))).append("\n\n");
            case "local" -> text.append("Name: ").append(article.author()).append('\n')
                    .append(DAY.format(article.published().atOffset(ZoneOffset.UTC))).append("\n\n");
            default -> text.append("Published: ").append(article.published().toString().substring(0, 10)).append('\n')
                    .append("Author: ").append(article.author()).append("\n\n");
        }
        int n = 0;
        for (EvalArticle.Block block : article.blocks()) {
            text.append(block.kind() == EvalArticle.Block.Kind.CAPTION && block.credit() != null
                    ? block.text() + " " + block.credit() : block.text())
                    .append("\n\n");
            if (++n == 2) {
                text.append("Advertisement\n\n");
            }
        }
        text.append("Source: ").append(site.substring(0, 1).toUpperCase(Locale.ROOT)).append(site.substring(1))
                .append(" News\nCategories: ").append(article.section()).append(", News\n");
        return text.toString();
    }

    // "Burak Kara/Getty Images" gives "Getty Images"; a credit without a slash is kept.
    private static String credit(String credit) {
        if (credit == null) {
            return "Example Wire";
        }
        int slash = credit.lastIndexOf('/');
        return slash < 0 ? credit : credit.substring(slash + 1).strip();
    }

    private static String firstSentence(String paragraph) {
        int end = paragraph.indexOf(". ");
        return end < 0 ? paragraph : paragraph.substring(0, end + 1);
    }

    private static String esc(String text) {
        return Entities.escape(text);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
