package dev.newsflow.benchmarks.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.newsflow.benchmarks.text.EvalArticle.Block;

/**
 * The evaluation articles as pages of eight layouts written blind: from what real news pages look like as served
 * (an Arc-style US paper, a UK tabloid, a wire story on an aggregator, an AMP page, a WordPress blog, a regional
 * site with a key-points box, a Drupal press release with {@code <br>}-separated text, a page of {@code <div>}s
 * without {@code <p>}), before reading how ingest reads pages or how {@link SitePages} draws its five. Each page
 * comes with what a reader takes from it: author and section only where the page shows them.
 */
final class BlindSitePages {

    static final List<String> SITES = List.of("arc", "tabloid", "aggregator", "amp", "wordpress", "regional", "drupal-br",
            "divs");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter TABLOID = DateTimeFormatter.ofPattern("HH:mm, d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter US_DAY = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_NO_COLON = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx", Locale.ENGLISH);
    static final List<String> OTHER_HEADLINES = List.of("Council approves new bus lanes after two-year row",
            "Five things we learned from the weekend", "Why house prices are falling in the south",
            "Police appeal for witnesses after late-night crash");

    /** A page and what it holds; a null author or section is one the page does not show. */
    record Labelled(String site, String html, String title, String author, Instant published, String section,
            List<String> paragraphs, List<String> credits) {
    }

    private BlindSitePages() {
    }

    static Labelled page(EvalArticle article, String site) {
        List<String> paragraphs = article.bodyParagraphs();
        return switch (site) {
            case "arc" -> labelled(article, site, arc(article), article.author(), article.section(), paragraphs);
            case "tabloid" -> labelled(article, site, tabloid(article), article.author(), article.section(), paragraphs);
            case "aggregator" -> labelled(article, site, aggregator(article), article.author(), null, datelined(article));
            case "amp" -> labelled(article, site, amp(article), article.author(), article.section(), paragraphs);
            case "wordpress" -> labelled(article, site, BlindSmallSitePages.wordpress(article), article.author(), article.section(), paragraphs);
            case "regional" -> labelled(article, site, BlindSmallSitePages.regional(article), article.author(), article.section(), paragraphs);
            case "drupal-br" -> labelled(article, site, BlindSmallSitePages.drupal(article), null, null, paragraphs);
            case "divs" -> labelled(article, site, BlindSmallSitePages.divs(article), article.author(), article.section(), paragraphs);
            default -> throw new IllegalArgumentException("no site " + site);
        };
    }

    private static Labelled labelled(EvalArticle article, String site, String html, String author, String section,
            List<String> paragraphs) {
        return new Labelled(site, html, article.title(), author, article.published(), section, paragraphs, article.credits());
    }

    // A big US paper on a React CMS: data-attribute blocks, JSON-LD with an author array, ad labels, "Read more:" links.
    private static String arc(EvalArticle a) {
        String local = ISO.format(a.published().atZone(NEW_YORK));
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h2 data-qa=\"subheadline\" class=\"font--subhead\">").append(esc(block.text())).append("</h2>\n");
                case CAPTION -> body.append("<figure data-qa=\"inline-image\"><div class=\"img-wrap\"><img src=\"https://cdn.example.com/resizer/")
                        .append(n).append(".jpg\" alt=\"\" loading=\"lazy\"></div><figcaption data-qa=\"image-caption\"><span>")
                        .append(esc(block.text())).append("</span> <span data-qa=\"image-credit\">(")
                        .append(esc(block.credit() == null ? "" : block.credit())).append(")</span></figcaption></figure>\n");
                case PARAGRAPH -> {
                    body.append("<div class=\"paywall\" data-qa=\"article-body\"><p data-el=\"text\" dir=\"null\" class=\"font--body font-copy\">")
                            .append(esc(block.text())).append("</p></div>\n");
                    n++;
                    if (n == 2) {
                        body.append("<div class=\"ad-slot\" data-qa=\"article-body-ad\"><div class=\"ad-label\">Advertisement</div>"
                                + "<div id=\"slug_inline_1\"></div></div>\n");
                        body.append("<div class=\"paywall\" data-qa=\"article-body\"><p data-el=\"text\" class=\"font--body font-copy\">"
                                + "<b>Read more:</b> <a href=\"/local/2026/01/12/bus-lanes/\">").append(OTHER_HEADLINES.get(0))
                                .append("</a></p></div>\n");
                    }
                    if (n == 3) {
                        body.append("<div class=\"interstitial-link\" data-qa=\"interstitial-link\"><span><b>[</b><a href=\"/opinions/\">")
                                .append(OTHER_HEADLINES.get(2)).append("</a><b>]</b></span></div>\n");
                    }
                }
            }
        }
        String people = "[{\"@type\":\"Person\",\"name\":\"" + json(a.author()) + "\",\"url\":\"https://www.example-post.com/people/"
                + slug(a.author()) + "/\"}]";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>" + esc(a.title()) + " - The Example Post</title>"
                + "<meta property=\"og:title\" content=\"" + esc(a.title()) + "\">"
                + "<meta property=\"og:site_name\" content=\"The Example Post\">"
                + "<meta name=\"description\" content=\"" + esc(firstSentence(a)) + "\">"
                + "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                + "\"headline\":\"" + json(a.title()) + "\",\"datePublished\":\"" + local + "\",\"dateModified\":\""
                + ISO.format(a.published().plusSeconds(5400).atZone(NEW_YORK)) + "\",\"author\":" + people
                + ",\"articleSection\":[\"" + json(a.section()) + "\"],\"isAccessibleForFree\":false,"
                + "\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Example Post\"}}</script>"
                + "<script>window.Fusion=window.Fusion||{};Fusion.arcSite=\"example-post\";</script></head><body>"
                + "<div id=\"fusion-app\"><header class=\"site-header\"><nav aria-label=\"Sections\"><ul><li><a href=\"/politics/\">Politics</a></li>"
                + "<li><a href=\"/business/\">Business</a></li><li><a href=\"/world/\">World</a></li><li><a href=\"/sports/\">Sports</a></li></ul></nav>"
                + "<a href=\"/subscribe/\">Subscribe</a> <a href=\"/login/\">Sign in</a></header>"
                + "<main><article><div data-qa=\"headline-kicker\"><a href=\"/" + slug(a.section()) + "/\">" + esc(a.section()) + "</a></div>"
                + "<h1 data-qa=\"headline\"><span data-qa=\"headline-text\">" + esc(a.title()) + "</span></h1>"
                + "<div data-qa=\"subheadline\" class=\"subheadline\">" + esc(firstSentence(a)) + "</div>"
                + "<div data-qa=\"author-byline\">By <a rel=\"author\" href=\"/people/" + slug(a.author()) + "/\">" + esc(a.author())
                + "</a></div><div data-qa=\"timestamp\"><span data-qa=\"display-date\">" + US_DAY.format(a.published().atZone(NEW_YORK))
                + " at " + DateTimeFormatter.ofPattern("h:mm a z", Locale.ENGLISH).format(a.published().atZone(NEW_YORK)) + "</span></div>"
                + "<div data-qa=\"share-bar\"><button>Share</button><button>Comment</button><button>Save</button></div>"
                + "<div class=\"article-body\">\n" + body + "</div>"
                + "<div data-qa=\"article-end\"><p class=\"font--meta\">Correction: An earlier version of this article misstated a date.</p></div>"
                + "</article><aside data-qa=\"most-read\"><h2>Most Read</h2><ol>" + headlines("li") + "</ol></aside>"
                + "<div data-qa=\"newsletter-signup\"><h3>The Morning Briefing</h3><p>Get the day's top stories in your inbox.</p>"
                + "<button>Sign up</button></div></main>"
                + "<footer><ul><li><a href=\"/about/\">About The Post</a></li><li><a href=\"/privacy/\">Privacy Policy</a></li>"
                + "<li>Terms of Use</li></ul><p>© 1996-2026 The Example Post</p></footer></div></body></html>";
    }

    // A UK tabloid: a shouting byline with "Updated", bullets at the top, captions with credits in <figure>, READ MORE links, MOST READ.
    private static String tabloid(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h2 class=\"article__subheading\">").append(esc(block.text())).append("</h2>\n");
                case CAPTION -> body.append("<figure class=\"article__media\"><img src=\"/img/").append(n).append(".jpg\" alt=\"")
                        .append(esc(block.text())).append("\"><figcaption><span class=\"article__media-caption\">")
                        .append(esc(block.text())).append("</span><span class=\"article__media-credit\">Credit: ")
                        .append(esc(bare(block.credit()))).append("</span></figcaption></figure>\n");
                case PARAGRAPH -> {
                    body.append("<p class=\"mol-para-with-font\">").append(esc(block.text())).append("</p>\n");
                    n++;
                    if (n == 1) {
                        body.append("<p class=\"mol-para-with-font\"><strong>READ MORE: </strong><a href=\"/news/article-1/\">")
                                .append(esc(OTHER_HEADLINES.get(3).toUpperCase(Locale.ROOT))).append("</a></p>\n");
                    }
                    if (n == 3) {
                        body.append("<div class=\"related-carousel\"><h3>RELATED ARTICLES</h3><ul>").append(headlines("li"))
                                .append("</ul></div>\n<div class=\"shareArticles\"><p>Share this article</p><ul><li>Facebook</li>"
                                        + "<li>X</li><li>WhatsApp</li></ul></div>\n");
                    }
                }
            }
        }
        String published = ISO_NO_COLON.format(a.published().atZone(ZoneOffset.UTC));
        String sentence = firstSentence(a);
        return "<!DOCTYPE html><html><head><title>" + esc(a.title()) + " | Daily Example Online</title>"
                + "<meta name=\"author\" content=\"" + esc(a.author()) + " For Exampleonline\">"
                + "<meta property=\"og:title\" content=\"" + esc(a.title()) + "\">"
                + "<meta property=\"article:published_time\" content=\"" + published + "\">"
                + "<meta property=\"article:modified_time\" content=\""
                + ISO_NO_COLON.format(a.published().plusSeconds(8400).atZone(ZoneOffset.UTC)) + "\">"
                + "<meta property=\"article:section\" content=\"" + esc(a.section().toLowerCase(Locale.ROOT)) + "\">"
                + "</head><body><div id=\"cookie-banner\"><p>We use cookies to improve your experience. By continuing you agree.</p>"
                + "<button>Accept all</button></div><div class=\"page-banner\"><a href=\"/\">Home</a> <a href=\"/news/\">News</a> "
                + "<a href=\"/sport/\">Sport</a> <a href=\"/tvshowbiz/\">Showbiz</a></div>"
                + "<div id=\"js-article-text\" class=\"article-text\"><h2>" + esc(a.title()) + "</h2>"
                + "<ul class=\"mol-bullets-with-font\"><li><strong>" + esc(sentence) + "</strong></li>"
                + "<li><strong>Scroll down for video</strong></li></ul>"
                + "<p class=\"author-section byline-plain\">By <a class=\"author\" href=\"/profile/\">" + esc(a.author().toUpperCase(Locale.ROOT))
                + "</a> FOR EXAMPLEONLINE</p><p class=\"byline-section\"><span class=\"article-timestamp article-timestamp-published\">"
                + "<span class=\"article-timestamp-label\">Published:</span> <time datetime=\"" + published
                + "\">" + TABLOID.format(a.published().atZone(ZoneOffset.UTC)) + "</time></span> | "
                + "<span class=\"article-timestamp-updated\"><span class=\"article-timestamp-label\">Updated:</span> "
                + TABLOID.format(a.published().plusSeconds(8400).atZone(ZoneOffset.UTC)) + "</span></p>"
                + "<div class=\"social-share\"><span>Share</span> <span class=\"count\">312</span> shares</div>"
                + "<div itemprop=\"articleBody\">\n" + body + "</div>"
                + "<div class=\"comments-count\"><a href=\"#comments\">Comments 48</a></div>"
                + "<div id=\"reader-comments\"><h3>Share what you think</h3><p class=\"comment-body\">Absolutely disgraceful, "
                + "nobody ever asks us.</p><p class=\"comment-body\">About time too!</p></div></div>"
                + "<div class=\"puff\" id=\"most-read\"><h3>MOST READ NEWS</h3><ul>" + headlines("li") + "</ul></div>"
                + "<div class=\"footer\"><p>Published by Associated Example Media</p><p>Part of the Daily Example, The Example on Sunday "
                + "&amp; Metro Example Media Group</p></div></body></html>";
    }

    // A wire story on an aggregator: dateline, contributor tail, copyright line, "Story continues" and trending rails.
    private static String aggregator(EvalArticle a) {
        List<String> paragraphs = datelined(a);
        StringBuilder body = new StringBuilder();
        int p = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h2>").append(esc(block.text())).append("</h2>\n");
                case CAPTION -> body.append("<figure class=\"caas-figure\"><div class=\"caas-img-container\"><img src=\"/x.jpg\" alt=\"")
                        .append(esc(block.text())).append("\"></div><figcaption class=\"caption-collapse\">").append(esc(block.text()))
                        .append(" <span class=\"caas-attr\">(").append(esc(bare(block.credit()))).append(")</span></figcaption></figure>\n");
                case PARAGRAPH -> {
                    body.append("<p>").append(esc(paragraphs.get(a.bodyParagraphs().indexOf(block.text())))).append("</p>\n");
                    p++;
                    if (p == 2) {
                        body.append("<div class=\"caas-readmore\"><button aria-label=\"Story continues\">Story continues</button></div>\n");
                    }
                }
            }
        }
        body.append("<p><i>Associated Press writer Ana Lima in Rio de Janeiro contributed to this report.</i></p>\n");
        return "<!DOCTYPE html><html lang=\"en-US\"><head><title>" + esc(a.title()) + "</title>"
                + "<meta property=\"og:title\" content=\"" + esc(a.title()) + "\">"
                + "<meta property=\"og:site_name\" content=\"Example News\">"
                + "<script type=\"application/ld+json\">{\"@context\":\"http://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\""
                + json(a.title()) + "\",\"datePublished\":\"" + a.published().toString().replace("Z", ".000Z")
                + "\",\"author\":{\"@type\":\"Person\",\"name\":\"" + json(a.author()) + "\"},"
                + "\"provider\":{\"@type\":\"Organization\",\"name\":\"Associated Press\"}}</script></head><body>"
                + "<div id=\"ybar\"><a href=\"/\">Example News</a> <a href=\"/mail\">Mail</a> <a href=\"/login\">Sign in</a>"
                + "<form><input placeholder=\"Search the web\"></form></div>"
                + "<div class=\"caas-body-wrapper\"><article><div class=\"caas-logo\"><img alt=\"Associated Press\"></div>"
                + "<header class=\"caas-title-wrapper\"><h1>" + esc(a.title()) + "</h1></header>"
                + "<div class=\"caas-attr-meta\"><div class=\"caas-attr-item-author\"><span class=\"caas-author-byline-collapse\">"
                + esc(a.author().toUpperCase(Locale.ROOT)) + "</span></div><div class=\"caas-attr-time-style\"><time datetime=\""
                + a.published().toString().replace("Z", ".000Z") + "\">" + US_DAY.format(a.published().atZone(ZoneOffset.UTC))
                + "</time> · 3 min read</div></div><div class=\"caas-share-buttons\"><button>Share</button></div>"
                + "<div class=\"caas-body\">\n" + body + "</div></article>"
                + "<p class=\"caas-copyright\">Copyright 2026 The Associated Press. All rights reserved. This material may not be "
                + "published, broadcast, rewritten or redistributed without permission.</p>"
                + "<div class=\"caas-reactions\"><button>Like</button> <span>View comments (212)</span></div></div>"
                + "<div id=\"trending\"><h3>Trending Now</h3><ol>" + headlines("li") + "</ol></div>"
                + "<footer><a href=\"/terms\">Terms and Privacy Policy</a> <a href=\"/privacy-dashboard\">Privacy Dashboard</a> "
                + "<a href=\"/about\">About Our Ads</a></footer></body></html>";
    }

    // The wire's paragraphs as a reader sees them: the first opens with the dateline.
    private static List<String> datelined(EvalArticle a) {
        List<String> paragraphs = new ArrayList<>(a.bodyParagraphs());
        int first = a.blocks().stream().filter(b -> b.kind() == Block.Kind.PARAGRAPH).findFirst()
                .map(b -> paragraphs.indexOf(b.text())).orElse(0);
        paragraphs.set(first, "LONDON (AP) — " + paragraphs.get(first));
        return paragraphs;
    }

    // An AMP page: the article under amp-* components, a sidebar menu, ads and analytics, JSON-LD with one author object.
    private static String amp(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h2>").append(esc(block.text())).append("</h2>\n");
                case CAPTION -> body.append("<figure class=\"media\"><amp-img src=\"/p.jpg\" width=\"1200\" height=\"800\" layout=\"responsive\" alt=\"")
                        .append(esc(block.text())).append("\"></amp-img><figcaption>").append(esc(block.text())).append(" ")
                        .append(esc(block.credit() == null ? "" : block.credit())).append("</figcaption></figure>\n");
                case PARAGRAPH -> {
                    body.append("<p>").append(esc(block.text())).append("</p>\n");
                    if (++n == 2) {
                        body.append("<amp-ad width=\"300\" height=\"250\" type=\"doubleclick\" data-slot=\"/1234/news\">"
                                + "<div placeholder>Advertisement</div><div fallback>Ad failed to load</div></amp-ad>\n");
                    }
                }
            }
        }
        return "<!doctype html><html ⚡ lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(a.title()) + " | Example Herald</title>"
                + "<link rel=\"canonical\" href=\"https://www.example-herald.com/" + slug(a.section()) + "/story\">"
                + "<script async src=\"https://cdn.ampproject.org/v0.js\"></script>"
                + "<style amp-boilerplate>body{visibility:hidden}</style><style amp-custom>.byline{font-size:14px}</style>"
                + "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                + "\"mainEntityOfPage\":\"https://www.example-herald.com/\",\"headline\":\"" + json(a.title()) + "\","
                + "\"datePublished\":\"" + ISO.format(a.published().atZone(ZoneOffset.ofHours(1))) + "\","
                + "\"author\":{\"@type\":\"Person\",\"name\":\"" + json(a.author()) + "\"},\"articleSection\":\"" + json(a.section())
                + "\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example Herald\",\"logo\":{\"@type\":\"ImageObject\","
                + "\"url\":\"/logo.png\"}}}</script></head><body>"
                + "<amp-analytics type=\"gtag\"><script type=\"application/json\">{\"vars\":{\"gtag_id\":\"G-1\"}}</script></amp-analytics>"
                + "<amp-sidebar id=\"menu\" layout=\"nodisplay\"><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a>"
                + "</li><li><a href=\"/opinion\">Opinion</a></li></ul></amp-sidebar>"
                + "<header class=\"amp-header\"><button on=\"tap:menu.toggle\">Menu</button><a href=\"/\">Example Herald</a></header>"
                + "<main><article><p class=\"kicker\">" + esc(a.section()) + "</p><h1>" + esc(a.title()) + "</h1>"
                + "<div class=\"byline\">By <span class=\"author\">" + esc(a.author()) + "</span> · <time datetime=\""
                + ISO.format(a.published().atZone(ZoneOffset.ofHours(1))) + "\">" + US_DAY.format(a.published().atZone(ZoneOffset.UTC)) + "</time></div>"
                + "<amp-social-share type=\"facebook\"></amp-social-share><amp-social-share type=\"twitter\"></amp-social-share>"
                + "<div class=\"article-body\">\n" + body + "</div></article>"
                + "<section class=\"more\"><h2>More from Example Herald</h2><ul>" + headlines("li") + "</ul></section></main>"
                + "<footer><p>© 2026 Example Herald Ltd. All rights reserved.</p><a href=\"/terms\">Terms</a></footer></body></html>";
    }

    static String headlines(String tag) {
        return OTHER_HEADLINES.stream().map(h -> "<" + tag + "><a href=\"/story\">" + esc(h) + "</a></" + tag + ">").reduce("", String::concat);
    }

    static String firstSentence(EvalArticle a) {
        return a.bodyParagraphs().get(0).split("(?<=[.!?])\\s")[0];
    }

    // A credit without its "Photo:"/"Credit:" label, as tabloids and aggregators print it.
    static String bare(String credit) {
        return credit == null ? "" : credit.replaceFirst("^(Photo|Credit|Photograph):\\s*", "").replaceAll("^\\(|\\)$", "");
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
