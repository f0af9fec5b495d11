package dev.newsflow.benchmarks.text;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.newsflow.benchmarks.text.EvalArticle.Block;

import static dev.newsflow.benchmarks.text.BlindSitePages.OTHER_HEADLINES;
import static dev.newsflow.benchmarks.text.BlindSitePages.esc;
import static dev.newsflow.benchmarks.text.BlindSitePages.headlines;
import static dev.newsflow.benchmarks.text.BlindSitePages.json;
import static dev.newsflow.benchmarks.text.BlindSitePages.slug;

/** {@link BlindSitePages}' blog, regional, press-release and div-only layouts, written blind like the rest. */
final class BlindSmallSitePages {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ENGLISH);
    private static final DateTimeFormatter US_DAY = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter OLD_CMS = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter REGIONAL = DateTimeFormatter.ofPattern("HH:mm 'GMT', EEE d MMMM uuuu", Locale.ENGLISH);

    private BlindSmallSitePages() {
    }

    // A WordPress theme: entry-content with wp-block-*, Jetpack sharing and related posts, tags, author box, comments.
    static String wordpress(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h2 class=\"wp-block-heading\">").append(esc(block.text())).append("</h2>\n");
                case CAPTION -> body.append("<figure class=\"wp-block-image size-large\"><img decoding=\"async\" src=\"/wp-content/uploads/2026/02/p.jpg\" alt=\"\" "
                        + "class=\"wp-image-812\"><figcaption class=\"wp-element-caption\">").append(esc(block.text())).append(" (")
                        .append(esc(block.credit() == null ? "" : block.credit())).append(")</figcaption></figure>\n");
                case PARAGRAPH -> body.append("<p>").append(esc(block.text())).append("</p>\n");
            }
        }
        body.append("<div class=\"wp-block-group newsletter-box\"><div class=\"wp-block-group__inner-container\"><h3 class=\"wp-block-heading\">"
                + "Get our weekly newsletter</h3><p>The week's best stories, every Friday. No spam, unsubscribe any time.</p>"
                + "<form><input type=\"email\" placeholder=\"Your email\"><button>Subscribe</button></form></div></div>\n");
        String iso = ISO.format(a.published().atZone(ZoneOffset.UTC));
        String sectionSlug = slug(a.section());
        return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"UTF-8\"><title>" + esc(a.title()) + " &#8211; The Example Gazette</title>"
                + "<meta name=\"author\" content=\"" + esc(a.author()) + "\">"
                + "<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"" + esc(a.title()) + " - The Example Gazette\">"
                + "<meta property=\"article:published_time\" content=\"" + iso + "\">"
                + "<script type=\"application/ld+json\" class=\"yoast-schema-graph\">{\"@context\":\"https://schema.org\",\"@graph\":["
                + "{\"@type\":\"Article\",\"@id\":\"https://gazette.example/p/#article\",\"author\":{\"name\":\"" + json(a.author())
                + "\",\"@id\":\"https://gazette.example/#/schema/person/1\"},\"headline\":\"" + json(a.title()) + "\",\"datePublished\":\""
                + iso + "\",\"articleSection\":[\"" + json(a.section()) + "\"]},{\"@type\":\"WebPage\",\"name\":\"" + json(a.title())
                + " - The Example Gazette\"},{\"@type\":\"Person\",\"@id\":\"https://gazette.example/#/schema/person/1\",\"name\":\""
                + json(a.author()) + "\"}]}</script></head>"
                + "<body class=\"post-template-default single single-post\"><a class=\"skip-link screen-reader-text\" href=\"#content\">Skip to content</a>"
                + "<header id=\"masthead\" class=\"site-header\"><p class=\"site-title\"><a href=\"/\">The Example Gazette</a></p>"
                + "<nav id=\"site-navigation\" class=\"main-navigation\"><ul id=\"primary-menu\" class=\"menu\"><li class=\"menu-item\"><a href=\"/\">Home</a></li>"
                + "<li class=\"menu-item\"><a href=\"/category/news/\">News</a></li><li class=\"menu-item\"><a href=\"/about/\">About</a></li></ul></nav></header>"
                + "<div id=\"content\" class=\"site-content\"><main id=\"primary\" class=\"site-main\">"
                + "<article id=\"post-812\" class=\"post-812 post type-post status-publish format-standard hentry category-" + sectionSlug + "\">"
                + "<header class=\"entry-header\"><h1 class=\"entry-title\">" + esc(a.title()) + "</h1><div class=\"entry-meta\">"
                + "<span class=\"posted-on\">Posted on <a href=\"/2026/02/03/p/\" rel=\"bookmark\"><time class=\"entry-date published\" datetime=\""
                + iso + "\">" + US_DAY.format(a.published().atZone(ZoneOffset.UTC)) + "</time><time class=\"updated\" datetime=\""
                + ISO.format(a.published().plusSeconds(90000).atZone(ZoneOffset.UTC)) + "\">later</time></a></span>"
                + "<span class=\"byline\"> by <span class=\"author vcard\"><a class=\"url fn n\" href=\"/author/" + slug(a.author()) + "/\">"
                + esc(a.author()) + "</a></span></span></div></header>"
                + "<div class=\"entry-content\">\n" + body
                + "<div class=\"sharedaddy sd-sharing-enabled\"><h3 class=\"sd-title\">Share this:</h3><ul><li><a class=\"share-twitter\">X</a></li>"
                + "<li><a class=\"share-facebook\">Facebook</a></li></ul></div>"
                + "<div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><h3 class=\"jp-relatedposts-headline\"><em>Related</em></h3>"
                + "<div class=\"jp-relatedposts-items\">" + headlines("p") + "</div></div></div>"
                + "<footer class=\"entry-footer\"><span class=\"cat-links\">Posted in <a href=\"/category/" + sectionSlug + "/\" rel=\"category tag\">"
                + esc(a.section()) + "</a></span><span class=\"tags-links\">Tagged <a rel=\"tag\">" + esc(a.phrases().get(0)) + "</a>, <a rel=\"tag\">"
                + esc(a.phrases().get(1)) + "</a></span></footer>"
                + "<div class=\"author-bio\"><h2 class=\"author-title\">Published by " + esc(a.author()) + "</h2><p class=\"author-description\">"
                + esc(a.author()) + " has covered the region for the Gazette since 2014 and writes about everything from council budgets to "
                + "the weekend's football.</p><a class=\"author-link\" href=\"/author/\">View all posts</a></div></article>"
                + "<div class=\"yarpp-related\"><h3>You may also like</h3><ol>" + headlines("li") + "</ol></div>"
                + "<nav class=\"navigation post-navigation\"><h2 class=\"screen-reader-text\">Post navigation</h2><div class=\"nav-previous\">"
                + "<a rel=\"prev\"><span class=\"meta-nav\">Previous Post</span> " + OTHER_HEADLINES.get(1) + "</a></div></nav>"
                + "<div id=\"comments\" class=\"comments-area\"><h2 class=\"comments-title\">2 thoughts on &ldquo;" + esc(a.title())
                + "&rdquo;</h2><ol class=\"comment-list\"><li class=\"comment\"><article class=\"comment-body\"><footer class=\"comment-meta\">"
                + "<b class=\"fn\">Margaret</b> says:</footer><div class=\"comment-content\"><p>Thank you for reporting this, nobody else did.</p>"
                + "</div></article></li><li class=\"comment\"><article class=\"comment-body\"><div class=\"comment-content\"><p>I disagree with "
                + "most of this but it was a fair read.</p></div></article></li></ol><div id=\"respond\" class=\"comment-respond\">"
                + "<h3 class=\"comment-reply-title\">Leave a Reply</h3><form><p class=\"comment-notes\">Your email address will not be published. "
                + "Required fields are marked *</p><textarea></textarea></form></div></div></main>"
                + "<aside id=\"secondary\" class=\"widget-area\"><section class=\"widget widget_tag_cloud\"><h2 class=\"widget-title\">Tags</h2>"
                + "<div class=\"tagcloud\"><a>council</a> <a>elections</a> <a>football</a> <a>weather</a></div></section>"
                + "<section class=\"widget widget_recent_entries\"><h2 class=\"widget-title\">Recent Posts</h2><ul>" + headlines("li")
                + "</ul></section></aside></div>"
                + "<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">Proudly powered by WordPress | Theme: Example</div>"
                + "</footer></body></html>";
    }

    // A regional site: a live ticker and a key-points box over the story, breadcrumbs, a "Read more" box, no JSON-LD.
    static String regional(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<h3>").append(esc(block.text())).append("</h3>\n");
                case CAPTION -> body.append("<figure><img src=\"/i.jpg\" alt=\"\"><figcaption>").append(esc(block.text()))
                        .append(" <small>").append(esc(block.credit() == null ? "" : block.credit())).append("</small></figcaption></figure>\n");
                case PARAGRAPH -> {
                    body.append("<p>").append(esc(block.text())).append("</p>\n");
                    if (++n == 3) {
                        body.append("<aside class=\"read-more\"><h3>Read more</h3><ul>").append(headlines("li")).append("</ul></aside>\n");
                    }
                }
            }
        }
        List<String> sentences = a.bodyParagraphs().stream().limit(3).map(p -> p.split("(?<=[.!?])\\s")[0]).toList();
        return "<!DOCTYPE html><html lang=\"en\"><head><title>" + esc(a.title()) + " - Example Valley News</title>"
                + "<meta property=\"og:title\" content=\"" + esc(a.title()) + " - Example Valley News\">"
                + "<meta property=\"article:published_time\" content=\"" + a.published() + "\">"
                + "<meta property=\"article:modified_time\" content=\"" + a.published().plusSeconds(3600 * 26) + "\"></head><body>"
                + "<div class=\"cookie-notice\">This site uses cookies. <a>Manage preferences</a> <button>OK</button></div>"
                + "<header><a class=\"logo\" href=\"/\">Example Valley News</a><nav><a href=\"/news\">News</a> <a href=\"/sport\">Sport</a> "
                + "<a href=\"/whats-on\">What's On</a> <a href=\"/jobs\">Jobs</a></nav></header>"
                + "<div class=\"live-ticker\"><span class=\"live\">LIVE</span> <a href=\"/live\">Traffic and travel updates as the ring road "
                + "closes for resurfacing</a></div>"
                + "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Home</a> › <a href=\"/" + slug(a.section()) + "\">"
                + esc(a.section()) + "</a></nav><main><h1>" + esc(a.title()) + "</h1>"
                + "<div class=\"key-points\"><h2>Key points</h2><ul>" + sentences.stream().map(s -> "<li>" + esc(s) + "</li>")
                        .reduce("", String::concat) + "</ul></div>"
                + "<p class=\"byline\">By " + esc(a.author()) + ", " + esc(a.section()) + " reporter</p>"
                + "<p class=\"dateline\">Published " + REGIONAL.format(a.published().atZone(ZoneOffset.UTC)) + "</p>"
                + "<div class=\"story\">\n" + body + "</div>"
                + "<div class=\"share\"><span>Share this story</span> <a>Facebook</a> <a>Email</a> <a>Copy link</a></div>"
                + "<p class=\"contact\">Got a story? Email newsdesk@valley.example or message us on WhatsApp.</p></main>"
                + "<footer><p>Example Valley News is part of Example Regional Media. All rights reserved.</p></footer></body></html>";
    }

    // A Drupal press release whose body field holds text pasted with <br><br> between paragraphs; no author shown.
    static String drupal(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<strong>").append(esc(block.text())).append("</strong><br><br>\n");
                case CAPTION -> body.append("<img src=\"/sites/default/files/p.jpg\" alt=\"\"><br><em>").append(esc(block.text()))
                        .append(" ").append(esc(block.credit() == null ? "" : block.credit())).append("</em><br><br>\n");
                case PARAGRAPH -> body.append(esc(block.text())).append("<br><br>\n");
            }
        }
        body.append("###<br><br>\n<strong>Media contact:</strong> Press Office, 020 7946 0000, press@dept.example<br>\n");
        return "<!DOCTYPE html><html lang=\"en\" dir=\"ltr\"><head><title>" + esc(a.title()) + " | Department of Examples</title>"
                + "<meta name=\"dcterms.date\" content=\"" + a.published() + "\"></head>"
                + "<body class=\"path-node page-node-type-press-release\"><a href=\"#main-content\" class=\"visually-hidden focusable skip-link\">"
                + "Skip to main content</a><section class=\"usa-banner\"><p>An official website of the Example government</p>"
                + "<button>Here's how you know</button></section><header role=\"banner\"><nav role=\"navigation\"><ul class=\"menu\">"
                + "<li><a href=\"/about\">About</a></li><li><a href=\"/news\">Newsroom</a></li><li><a href=\"/contact\">Contact</a></li></ul></nav>"
                + "</header><div class=\"region region-breadcrumb\"><nav class=\"breadcrumb\"><ol><li><a href=\"/\">Home</a></li>"
                + "<li><a href=\"/news\">Newsroom</a></li><li>Press Releases</li></ol></nav></div>"
                + "<main role=\"main\"><a id=\"main-content\" tabindex=\"-1\"></a><div class=\"region region-content\">"
                + "<article role=\"article\" class=\"node node--type-press-release node--view-mode-full\">"
                + "<h1 class=\"page-title\"><span class=\"field field--name-title field--type-string\">" + esc(a.title()) + "</span></h1>"
                + "<div class=\"field field--name-field-release-type\">Press Release</div>"
                + "<div class=\"field field--name-field-date field--type-datetime\"><time datetime=\"" + a.published() + "\">"
                + US_DAY.format(a.published().atZone(ZoneOffset.UTC)) + "</time></div>"
                + "<div class=\"node__content\"><div class=\"clearfix text-formatted field field--name-body field--type-text-with-summary "
                + "field__item\">\n" + body + "</div></div>"
                + "<div class=\"field field--name-field-related-topics\"><div class=\"field__label\">Topics</div><div class=\"field__items\">"
                + "<div class=\"field__item\"><a>" + esc(a.phrases().get(0)) + "</a></div></div></div></article>"
                + "<div class=\"share-links\"><h2>Share this page</h2><a>Facebook</a> <a>X</a> <a>Email</a></div>"
                + "<div class=\"page-feedback\"><p>Was this page helpful?</p><button>Yes</button> <button>No</button></div>"
                + "<div class=\"last-updated\">Page last reviewed: " + US_DAY.format(a.published().atZone(ZoneOffset.UTC)) + "</div></div></main>"
                + "<footer role=\"contentinfo\"><p>Department of Examples, 1 Example Street, London</p><a>Accessibility</a> "
                + "<a>Privacy</a> <a>FOIA</a></footer></body></html>";
    }

    // A page of <div>s without <p>: every paragraph a div with inline spans and links, the byline in an old-CMS date form.
    static String divs(EvalArticle a) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (Block block : a.blocks()) {
            switch (block.kind()) {
                case HEADING -> body.append("<div class=\"subheader\" data-component-name=\"subheader\"><h2>").append(esc(block.text()))
                        .append("</h2></div>\n");
                case CAPTION -> body.append("<div class=\"image\" data-component-name=\"image\"><div class=\"image__container\"><img src=\"/i.jpg\">"
                        + "</div><div class=\"image__metadata\"><div class=\"image__caption\"><span>").append(esc(block.text()))
                        .append("</span></div><div class=\"image__credit\">").append(esc(block.credit() == null ? "" : block.credit()))
                        .append("</div></div></div>\n");
                case PARAGRAPH -> {
                    String[] words = esc(block.text()).split(" ", 4);
                    String text = words.length < 4 ? esc(block.text())
                            : words[0] + " " + words[1] + " <a href=\"/topic\">" + words[2] + "</a> <span class=\"x\">" + words[3] + "</span>";
                    body.append("<div class=\"paragraph inline-placeholder\" data-component-name=\"paragraph\">\n    ").append(text)
                            .append("\n  </div>\n");
                    if (++n == 2) {
                        body.append("<div class=\"ad-slot-dynamic\"><div class=\"ad-feedback-link\">Ad Feedback</div></div>\n");
                        body.append("<div class=\"related-content\"><div class=\"related-content__title\">Related article</div>"
                                + "<div class=\"related-content__headline\"><a href=\"/2026/01/x\">").append(OTHER_HEADLINES.get(2))
                                .append("</a></div></div>\n");
                    }
                }
            }
        }
        return "<!DOCTYPE html><html><head><title>" + esc(a.title()) + " | Example Network</title>"
                + "<meta name=\"author\" content=\"" + esc(a.author()) + "\">"
                + "<meta name=\"section\" content=\"" + esc(a.section().toLowerCase(Locale.ROOT)) + "\">"
                + "<script type=\"application/ld+json\">[{\"@context\":\"http://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\""
                + json(a.title()) + "\",\"author\":[{\"@type\":\"Person\",\"name\":\"" + json(a.author()) + "\"}],\"datePublished\":\""
                + a.published() + "\",\"dateModified\":\"" + a.published().plusSeconds(600) + "\"}]</script></head><body>"
                + "<div class=\"header\"><div class=\"nav\"><div class=\"nav__item\"><a>World</a></div><div class=\"nav__item\"><a>Politics</a>"
                + "</div><div class=\"nav__item\"><a>Business</a></div></div></div>"
                + "<div class=\"layout\"><div class=\"headline\"><h1 data-editable=\"headline\">" + esc(a.title()) + "</h1>"
                + "<div class=\"byline\"><div class=\"byline__names\">By <span class=\"byline__name\">" + esc(a.author())
                + "</span>, Example Network</div><div class=\"timestamp\">Published " + OLD_CMS.format(a.published().atZone(NEW_YORK))
                + " EST</div></div></div><div class=\"article__content\" data-editable=\"content\">\n" + body + "</div>"
                + "<div class=\"footer-links\"><div>Terms of Use</div><div>Privacy Policy</div><div>Ad Choices</div>"
                + "<div>© 2026 Example Network. All Rights Reserved.</div></div></div></body></html>";
    }
}
