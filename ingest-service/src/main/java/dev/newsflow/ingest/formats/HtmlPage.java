package dev.newsflow.ingest.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.dankito.readability4j.Article;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A publisher's article page, as fetched, read into an article: metadata from {@link PageMetadata}, the body found by
 * Readability4J (a port of Firefox's Reader View scoring) once the page's furniture is gone: navigation, header and
 * footer, cookie banners, "Related" and "Most read" boxes, newsletter prompts, share buttons, forms and scripts.
 * A "Source: …" line and a "Categories: …" line are metadata, not body; captions and credits are left for
 * {@link ArticleBody}.
 */
public final class HtmlPage {

    private static final String FURNITURE_TAGS = "script, style, noscript, iframe, form, button, input, select, textarea, "
            + "svg, nav, footer, template, dialog, aside, menu, amp-ad, amp-embed, amp-sticky-ad, amp-sidebar, amp-social-share, "
            + "amp-analytics, amp-consent";
    private static final String FURNITURE_ROLES = "[role=navigation], [role=banner], [role=contentinfo], [role=dialog], "
            + "[role=complementary], [role=search], [role=alertdialog], [aria-modal=true]";
    private static final Pattern FURNITURE = Pattern.compile("(?i)(?:^|[-_\\s])(?:cookies?|consent|gdpr|newsletters?|signup|"
            + "sign-up|subscribe|subscription|related|relatedposts|recommended|recommendations|more-stories|most-read|"
            + "most-popular|most-viewed|popular|trending|share|sharing|social|promo|advert|advertisement|ads?|sponsored|outbrain|"
            + "taboola|comments?|breadcrumbs?|tags|topics|related-topics|more-on-this-story|more-from|read-more|"
            + "you-may-also-like|author-bio|nav|navbar|menu|footer|site-header|masthead|skip-link)(?:[-_\\s]|$)");
    private static final Pattern PROMPT = Pattern.compile("(?i)^(?:sign up|subscribe|get (?:our|the)|join|register)\\b.*"
            + "\\b(?:newsletter|inbox|email|updates)\\b.*|^(?:advertisement|skip advertisement|read more|related|related "
            + "(?:stories|articles|topics)|more on this story|most (?:read|viewed|popular)|recommended|you may also like|share"
            + " this(?: article)?|listen to this article)\\s*:?$|^(?:read more|related|see also|also read|read also)\\s*:.{0,120}$");
    // The lines around a story that are not the story: a wire's copyright and contributor lines, a press release's
    // contacts, a site's tip line, a video or comments pointer.
    private static final Pattern SIGN_OFF = Pattern.compile("(?i)^(?:copyright|©)\\s*(?:©\\s*)?\\d{4}\\b.{0,300}$"
            + "|^.{0,200}\\bcontributed (?:reporting )?(?:to )?this (?:report|story|article)\\.?$"
            + "|^(?:additional )?reporting by .{0,200};\\s*editing by .{0,100}$"
            + "|^(?:media|press) (?:contacts?|enquiries|inquiries)\\s*:.{0,200}$|^got a (?:story|news tip|tip)\\b.{0,150}$"
            + "|^scroll down for (?:video|more)$|^(?:view|read|show|see) (?:all )?comments?\\b.{0,12}$");
    private static final Pattern READING_TIME = Pattern.compile("(?i)^\\d{1,3}[- ]min(?:ute)?s? read$");
    private static final Pattern SOURCE = Pattern.compile("^(?i:source|sources)\\s*:\\s*(\\S.{0,200})$");
    private static final Pattern LABELLED = Pattern.compile("^(?i:categories|category|filed under|tags|topics)\\s*:.*");
    private static final Pattern BYLINE = Pattern.compile("^(?i:by|written by|words by)\\s+");
    private static final Pattern DATE_SEPARATOR = Pattern.compile("\\s+[|·•]\\s+");
    private static final String BLOCK_TAGS = "div, p, br, h1, h2, h3, h4, h5, h6, ul, ol, li, table, figure, figcaption, "
            + "blockquote, section, article, header, pre, img, picture, video";
    private static final String READABILITY_RUN = "p.readability-styled";
    private static final int MIN_BODY = 140;
    private static final int MIN_PARAGRAPH = 80;

    private HtmlPage() {
    }

    /** The article in {@code html}; nothing is null but what the page does not give. */
    public static Page read(String html) {
        Document document = Jsoup.parse(html);
        PageMetadata metadata = new PageMetadata(document);
        String title = metadata.title();
        String url = metadata.canonicalUrl();
        Page meta = new Page(title, metadata.author(), metadata.publishedAt(), url, metadata.siteName(),
                metadata.categories(), metadata.language(), null, null);
        removeFurniture(document);
        unwrapSubheadings(document);
        Figures.normalise(document.body());
        Element content = content(document, url);
        return withContent(meta, content);
    }

    private static void removeFurniture(Document document) {
        document.select(FURNITURE_TAGS).remove();
        document.select(FURNITURE_ROLES).remove();
        BodyBoxes.removeEmbeds(document.body());
        // A class names the page's layout as often as a box ("sticky-nav" on <body>, "has-social-share" on the
        // story's wrapper): an element that holds the story (an <article>, <main> or the headline) is never furniture.
        for (Element element : document.body().select("*")) {
            String names = element.className() + " " + element.id() + " " + dataNames(element);
            if (!names.isBlank() && element != document.body() && element.parent() != null
                    && FURNITURE.matcher(names).find() && element.selectFirst("article, main, h1") == null) {
                element.remove();
            }
        }
    }

    /*
     * A subheading in a wrapper of its own between paragraphs (<div class="subheader"><h2>…</h2></div>) is the heading
     * alone: Readability drops a wrapper whose class says "header", and the heading is then judged by its own names.
     */
    private static void unwrapSubheadings(Document document) {
        for (Element heading : document.body().select("div > h2, div > h3, div > h4")) {
            Element wrapper = heading.parent();
            if (wrapper != null && wrapper.childrenSize() == 1 && wrapper.ownText().isBlank()
                    && (isParagraph(wrapper.previousElementSibling()) || isParagraph(wrapper.nextElementSibling()))) {
                wrapper.unwrap();
            }
        }
    }

    private static boolean isParagraph(Element element) {
        return element != null && element.select("h1, h2, h3, h4, h5, h6").isEmpty() && element.text().length() >= MIN_PARAGRAPH;
    }

    // React and Arc pages name their boxes in data attributes (data-qa="newsletter-signup") rather than classes.
    private static String dataNames(Element element) {
        return String.join(" ", element.attr("data-qa"), element.attr("data-testid"), element.attr("data-component"),
                element.attr("data-component-name"), element.attr("data-module"));
    }

    // Readability's choice, unless it found (almost) nothing: then the page's <article>, <main> or <body>.
    private static Element content(Document document, String url) {
        Document fallback = document.clone();
        Element chosen = null;
        try {
            Article article = new Readability4JExtended(url == null ? "" : url, document).parse();
            chosen = article.getArticleContent();
        }
        catch (RuntimeException ex) {
            // Readability4J gives up on some malformed pages; the fallback below reads them.
        }
        if (chosen == null || chosen.text().length() < MIN_BODY) {
            chosen = fallback.selectFirst("article");
            if (chosen == null) {
                chosen = fallback.selectFirst("main");
            }
            if (chosen == null) {
                chosen = fallback.body();
            }
        }
        return chosen;
    }

    private static Page withContent(Page meta, Element content) {
        textDivsAsParagraphs(content);
        BodyBoxes.remove(content);
        String source = null;
        for (Element block : content.select("p, div, span, li, h1, h2, h3, h4, h5, h6, header")) {
            if (block.parent() == null) {
                continue;
            }
            String text = block.text().strip();
            Matcher sourceLine = SOURCE.matcher(text);
            if (block.normalName().equals("h1") || meta.title() != null && text.equalsIgnoreCase(meta.title())
                    && block.normalName().matches("h\\d|p|header|div")) {
                block.remove();
            }
            else if (sourceLine.matches() && block.children().size() <= 1) {
                source = source == null ? sourceLine.group(1).strip() : source;
                block.remove();
            }
            else if (LABELLED.matcher(text).matches() || isByline(text) || PROMPT.matcher(text).matches() || isDateLine(text)
                    || SIGN_OFF.matcher(text).matches()
                    || namesAuthor(text, meta.author())) {
                block.remove();
            }
        }
        return new Page(meta.title(), meta.author(), meta.publishedAt(), meta.url(), source != null ? source : meta.source(),
                meta.categories(), meta.language(), null, content.html());
    }

    /*
     * Pages that write each paragraph as a <div> of text and links: a <div> holding only text and inline elements is a
     * paragraph. Readability wraps its runs of text in inline <p>s of their own ("readability-styled"), which would cut
     * the paragraph at its first link: in such a <div> they are undone.
     */
    private static void textDivsAsParagraphs(Element content) {
        for (Element div : content.select("div")) {
            if (div.parent() != null && div.closest("figcaption") == null && div.children().select(BLOCK_TAGS).not(READABILITY_RUN).isEmpty() && !div.text().isBlank()) {
                div.select(READABILITY_RUN).forEach(Element::unwrap);
                div.tagName("p");
            }
        }
    }

    // "By Maria Kovalenko", not "By Tuesday, the talks had collapsed."
    static boolean isByline(String text) {
        Matcher byline = BYLINE.matcher(text);
        return byline.lookingAt() && text.length() <= 120 && PhotoCredits.readsLikeNames(text.substring(byline.end()));
    }

    // A short block with the author's name in it, in any case, is the byline ("Posted on 5 May 2026 by Ann Writer",
    // "ANN WRITER").
    private static boolean namesAuthor(String text, String author) {
        return author != null && text.length() <= 120
                && text.toLowerCase(Locale.ROOT).contains(author.split(",")[0].strip().toLowerCase(Locale.ROOT));
    }

    // "Published: 09:00, 3 February 2026 | Updated: 11:20, 3 February 2026", "May 4, 2026 · 3 min read": each part a date.
    private static boolean isDateLine(String text) {
        String[] parts = DATE_SEPARATOR.split(text);
        return text.length() <= 160 && Arrays.stream(parts).anyMatch(part -> !READING_TIME.matcher(part).matches())
                && Arrays.stream(parts).allMatch(part -> READING_TIME.matcher(part).matches()
                        || part.length() <= 60 && PageDates.ofLine(part) != null);
    }
}
