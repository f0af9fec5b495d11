package dev.newsflow.ingest.formats;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a publisher's article page says about the article in its head and markup, most reliable source first:
 * schema.org JSON-LD ({@code NewsArticle} and its kin), Open Graph and {@code article:} meta tags, then the page's
 * own elements ({@code <h1>}, {@code rel=author}, {@code <time>}, "Categories:" links, {@code <title>}).
 */
final class PageMetadata {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ARTICLE_TYPES = Set.of("NewsArticle", "Article", "ReportageNewsArticle",
            "AnalysisNewsArticle", "BlogPosting", "OpinionNewsArticle", "LiveBlogPosting", "Report", "BackgroundNewsArticle");
    // schema.org's Organization types not named "…Organization".
    private static final Set<String> ORGANISATION_TYPES = Set.of("Corporation", "NGO", "Consortium", "Project", "Airline",
            "LocalBusiness", "SportsTeam", "SportsOrganization", "Brand");
    private static final Pattern TRACKING = Pattern.compile("^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)=.*$");
    private static final Pattern BY = Pattern.compile("^(?i:by|written by|words by)\\s+");
    // "Ann Writer For Mailonline", "Ann Writer for The Example": the outlet is not the author.
    private static final Pattern FOR_OUTLET = Pattern.compile("\\s+(?i:for)\\s+\\S.{0,40}$");
    private static final Pattern SITE_SUFFIX = Pattern.compile("\\s+[|–—-]\\s+\\S.{0,60}$");

    private final Document page;
    private final JsonNode article;

    PageMetadata(Document page) {
        this.page = page;
        this.article = jsonLdArticle(page);
    }

    String title() {
        String headline = text(article.path("headline"));
        if (headline == null) {
            headline = withoutSiteName(meta("og:title", "twitter:title"));
        }
        if (headline == null) {
            Element h1 = page.selectFirst("article h1, main h1, h1");
            headline = h1 == null ? null : blankToNull(h1.text());
        }
        if (headline == null) {
            // "<title>Headline | Site</title>": the part before the site's name.
            headline = blankToNull(page.title().split("\\s+[|–—]\\s+|\\s+-\\s+")[0]);
        }
        return headline;
    }

    // "Headline - Site" in og:title: without the site, when the <h1> or og:site_name shows which part is the site's.
    private String withoutSiteName(String headline) {
        if (headline == null) {
            return null;
        }
        Element h1 = page.selectFirst("article h1, main h1, h1");
        String heading = h1 == null ? "" : h1.text().strip();
        if (!heading.isEmpty() && headline.startsWith(heading) && SITE_SUFFIX.matcher(headline.substring(heading.length())).matches()) {
            return heading;
        }
        String site = meta("og:site_name");
        Matcher suffix = SITE_SUFFIX.matcher(headline);
        return site != null && suffix.find() && headline.endsWith(site) && suffix.group().contains(site)
                ? headline.substring(0, suffix.start()) : headline;
    }

    // A person's byline beats an organisation's: JSON-LD often gives the agency ("Reuters") where the page shows
    // "By Ann Writer"; the organisation is the author only when no person is named.
    String author() {
        List<String> names = names(article.path("author"), false);
        if (names.isEmpty()) {
            String meta = meta("author", "article:author", "byl", "parsely-author", "sailthru.author");
            if (meta != null && !meta.startsWith("http")) {
                names = List.of(FOR_OUTLET.matcher(BY.matcher(meta).replaceFirst("")).replaceFirst(""));
            }
        }
        if (names.isEmpty()) {
            names = page.select("[rel=author], [itemprop=author] [itemprop=name], .byline__name, .author-name").stream()
                    .map(Element::text).map(PageMetadata::blankToNull).filter(name -> name != null).distinct().toList();
        }
        if (names.isEmpty()) {
            names = bylineNames();
        }
        if (names.isEmpty()) {
            names = names(article.path("author"), true);
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    // A byline element: "By Ann Writer, Business reporter", the name before the comma.
    private List<String> bylineNames() {
        for (Element byline : page.select("[class*=byline], [class*=author]")) {
            String text = byline.text().strip();
            Matcher by = BY.matcher(text);
            if (text.length() <= 120 && by.lookingAt()) {
                String name = FOR_OUTLET.matcher(text.substring(by.end()).split("\\s*(?:,|\\||\\s-\\s)")[0]).replaceFirst("").strip();
                if (!name.isEmpty() && name.split("\\s+").length <= 5 && PhotoCredits.readsLikeNames(name)) {
                    return List.of(name);
                }
            }
        }
        return List.of();
    }

    OffsetDateTime publishedAt() {
        List<String> candidates = new ArrayList<>();
        candidates.add(text(article.path("datePublished")));
        candidates.add(meta("article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date",
                "dcterms.created", "og:published_time"));
        Element time = page.selectFirst("article time[datetime], time[datetime]");
        candidates.add(time == null ? null : time.attr("datetime"));
        candidates.add(text(article.path("dateModified")));
        for (String candidate : candidates) {
            OffsetDateTime parsed = PageDates.ofMetadata(candidate);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    /** The canonical URL, absolute, http(s), without tracking parameters; null if the page names none. */
    String canonicalUrl() {
        Element link = page.selectFirst("link[rel=canonical][href]");
        List<String> candidates = new ArrayList<>();
        candidates.add(link == null ? null : link.absUrl("href"));
        candidates.add(meta("og:url"));
        JsonNode main = article.path("mainEntityOfPage");
        candidates.add(main.isObject() ? text(main.path("@id")) : text(main));
        candidates.add(text(article.path("url")));
        for (String candidate : candidates) {
            String url = withoutTracking(candidate);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    /** Section first, then categories: JSON-LD {@code articleSection}, {@code article:section}, "Categories:" links. */
    List<String> categories() {
        Set<String> categories = new LinkedHashSet<>();
        JsonNode section = article.path("articleSection");
        if (section.isArray()) {
            section.forEach(item -> add(categories, text(item)));
        }
        else {
            add(categories, text(section));
        }
        page.select("meta[property=article:section], meta[name=section], meta[name=parsely-section]")
                .forEach(meta -> add(categories, meta.attr("content")));
        for (Element element : page.getElementsMatchingOwnText("^\\s*(Categories|Category|Filed under|Sections?)\\s*:")) {
            Element holder = element.children().isEmpty() && element.parent() != null ? element.parent() : element;
            holder.select("a").forEach(anchor -> add(categories, anchor.text()));
        }
        if (categories.isEmpty()) {
            // Breadcrumbs ("Home › Business"): the last crumb that is neither home nor the article.
            page.select("[class*=breadcrumb] a, [aria-label~=(?i)^breadcrumbs?$] a, [itemtype$=BreadcrumbList] a").stream()
                    .map(Element::text).filter(crumb -> !crumb.equalsIgnoreCase("home") && !crumb.equals(title()))
                    .reduce((first, last) -> last).ifPresent(crumb -> add(categories, crumb));
        }
        return List.copyOf(categories);
    }

    /** Who publishes or distributes it: JSON-LD {@code publisher}, else the site's name. */
    String siteName() {
        String publisher = text(article.path("publisher").path("name"));
        return publisher != null ? publisher : meta("og:site_name", "application-name");
    }

    String language() {
        String lang = blankToNull(page.selectFirst("html") == null ? null : page.selectFirst("html").attr("lang"));
        if (lang == null) {
            lang = text(article.path("inLanguage"));
        }
        return lang == null || !lang.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*") ? null : lang;
    }

    private String meta(String... names) {
        for (String name : names) {
            for (Element meta : page.select("meta[content]")) {
                if (name.equalsIgnoreCase(meta.attr("property")) || name.equalsIgnoreCase(meta.attr("name"))
                        || name.equalsIgnoreCase(meta.attr("itemprop"))) {
                    String content = blankToNull(meta.attr("content"));
                    if (content != null) {
                        return content;
                    }
                }
            }
        }
        return null;
    }

    // The first JSON-LD object of an article type, wherever it sits (top level, a list, an @graph); else an empty node.
    private static JsonNode jsonLdArticle(Document page) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                JsonNode found = findArticle(JSON.readTree(script.data()));
                if (found != null) {
                    return found;
                }
            }
            catch (JacksonException ex) {
                // A broken JSON-LD block is common; the page's other metadata still count.
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode findArticle(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                JsonNode found = findArticle(item);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        JsonNode type = node.path("@type");
        if (type.isString() && ARTICLE_TYPES.contains(type.asString())
                || type.isArray() && type.valueStream().anyMatch(t -> ARTICLE_TYPES.contains(t.asString("")))) {
            return node;
        }
        return findArticle(node.get("@graph"));
    }

    // The names of a JSON-LD author: of people (and plain strings), or of organisations.
    private static List<String> names(JsonNode author, boolean organisations) {
        List<String> names = new ArrayList<>();
        if (author.isArray()) {
            author.forEach(item -> names.addAll(names(item, organisations)));
        }
        else if (author.isObject()) {
            String name = text(author.path("name"));
            if (name != null && isOrganisation(author.path("@type")) == organisations) {
                names.add(name);
            }
        }
        else if (!organisations && text(author) != null && !text(author).startsWith("http")) {
            names.add(text(author));
        }
        return names.stream().distinct().collect(Collectors.toList());
    }

    private static boolean isOrganisation(JsonNode type) {
        if (type.isArray()) {
            return type.valueStream().anyMatch(PageMetadata::isOrganisation);
        }
        String name = type.asString("");
        return name.endsWith("Organization") || ORGANISATION_TYPES.contains(name);
    }

    private static String withoutTracking(String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return null;
            }
            String query = uri.getRawQuery() == null ? null : List.of(uri.getRawQuery().split("&")).stream()
                    .filter(parameter -> !TRACKING.matcher(parameter).matches()).collect(Collectors.joining("&"));
            return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (query == null || query.isEmpty() ? "" : "?" + query);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static void add(Set<String> categories, String category) {
        String text = blankToNull(category);
        if (text != null && text.length() <= 200) {
            categories.add(text);
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? blankToNull(node.asString()) : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
