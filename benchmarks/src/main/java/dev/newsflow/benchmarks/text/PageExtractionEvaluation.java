package dev.newsflow.benchmarks.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.newsflow.ingest.formats.ArticleBody;
import dev.newsflow.ingest.formats.HtmlPage;
import dev.newsflow.ingest.formats.Page;
import dev.newsflow.ingest.formats.PageText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whole pages against what they hold: every article of the evaluation set as a page of each of {@link SitePages}'
 * five site styles, and as each page's copied text, read by ingest ({@link HtmlPage}, {@link PageText}, then
 * {@link ArticleBody}) and by plain baselines: for HTML, the {@code <title>}, {@code meta name=author} and either
 * jsoup's {@code body().text()} or the text of every {@code <p>}; for text, the first line and the rest. Printed:
 * title, author, date (to the day where a copy shows only the day) and section exact-match rates, and the body's paragraph precision and recall (a paragraph
 * counts if its words are a written paragraph's, whatever the case and punctuation), word precision and recall
 * (bag of words) and the recall of the captions' photo credits in {@link ArticleBody#photoCredits()}, per split.
 *
 * <p>With {@code --sites=blind}, the same articles as pages of {@link BlindSitePages}' eight layouts, written blind from
 * real sites' markup, read as HTML and reported per layout; {@code --errors} adds what ours missed on dev pages.
 *
 * <p>Run: {@code java -jar benchmarks/target/newsflow-benchmarks.jar pages [--sites=blind [--errors]]}
 */
@Command(name = "pages", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Whole pages: the clean-text evaluation set as pages of five site styles and as their copied text,",
                "read by ingest beside plain jsoup baselines: metadata exact match, body paragraph and word P/R."})
public final class PageExtractionEvaluation implements Callable<Integer> {

    @Option(names = "--sites", defaultValue = "ours", description = "ours: the five site styles ingest was tuned against "
            + "(SitePages); blind: eight layouts written blind (BlindSitePages), HTML only, per layout. Default: ${DEFAULT-VALUE}")
    private String sites;

    @Option(names = "--errors", description = "Also print what ours missed and added on each dev page (blind sites only).")
    private boolean errors;

    @Override
    public Integer call() {
        List<EvalArticle> articles = EvalArticle.load();
        switch (sites) {
            case "ours" -> run(articles).forEach(System.out::println);
            case "blind" -> {
                runBlind(articles).forEach(System.out::println);
                if (errors) {
                    blindErrors(articles).forEach(System.out::println);
                }
            }
            default -> throw new IllegalArgumentException("--sites is ours or blind, not " + sites);
        }
        return 0;
    }

    /** What a reader of a page took from it. */
    record Extracted(String title, String author, Instant published, String section, List<String> paragraphs,
            List<String> credits) {
    }

    private static Map<String, Function<String, Extracted>> htmlReaders() {
        Map<String, Function<String, Extracted>> html = new LinkedHashMap<>();
        html.put("ours (HtmlPage + ArticleBody)", PageExtractionEvaluation::oursHtml);
        html.put("jsoup body().text()", page -> plainHtml(page, false));
        html.put("all <p> elements", page -> plainHtml(page, true));
        return html;
    }

    static List<String> run(List<EvalArticle> articles) {
        Map<String, Function<String, Extracted>> html = htmlReaders();
        Map<String, Function<String, Extracted>> text = new LinkedHashMap<>();
        text.put("ours (PageText + ArticleBody)", PageExtractionEvaluation::oursText);
        text.put("first line + rest", PageExtractionEvaluation::plainText);
        List<String> report = new ArrayList<>();
        report.add("Whole pages: " + articles.size() + " articles x " + SitePages.SITES.size() + " site styles, as HTML and "
                + "as copied text (written for this evaluation)");
        for (boolean test : List.of(false, true)) {
            List<EvalArticle> split = articles.stream().filter(article -> article.test() == test).toList();
            report.add((test ? "test" : "dev ") + " (" + split.size() * SitePages.SITES.size() + " pages)");
            List<BlindSitePages.Labelled> pages = split.stream().flatMap(article -> SitePages.SITES.stream()
                    .map(site -> ours(article, site, SitePages.html(article, site)))).toList();
            List<BlindSitePages.Labelled> texts = split.stream().flatMap(article -> SitePages.SITES.stream()
                    .map(site -> ours(article, site, SitePages.text(article, site)))).toList();
            html.forEach((name, reader) -> report.add(String.format("  html  %-30s %s", name, score(pages, reader))));
            text.forEach((name, reader) -> report.add(String.format("  text  %-30s %s", name, score(texts, reader))));
        }
        return report;
    }

    /** The blind layouts, HTML only: each split over all layouts, then each layout, ours beside the baselines. */
    static List<String> runBlind(List<EvalArticle> articles) {
        List<String> report = new ArrayList<>();
        report.add("Blind layouts: " + articles.size() + " articles x " + BlindSitePages.SITES.size() + " layouts written blind "
                + "(BlindSitePages); author and section scored where the page shows them");
        for (boolean test : List.of(false, true)) {
            List<EvalArticle> split = articles.stream().filter(article -> article.test() == test).toList();
            List<BlindSitePages.Labelled> pages = split.stream()
                    .flatMap(article -> BlindSitePages.SITES.stream().map(site -> BlindSitePages.page(article, site))).toList();
            report.add((test ? "test" : "dev ") + " (" + pages.size() + " pages)");
            htmlReaders().forEach((name, reader) -> report.add(String.format("  %-10s %-30s %s", "all", name, score(pages, reader))));
            for (String site : BlindSitePages.SITES) {
                List<BlindSitePages.Labelled> ofSite = pages.stream().filter(page -> page.site().equals(site)).toList();
                htmlReaders().forEach((name, reader) -> report.add(String.format("  %-10s %-30s %s", site, name, score(ofSite, reader))));
            }
        }
        return report;
    }

    /** What ours got wrong on each dev page of the blind layouts: metadata, paragraphs missed and paragraphs added. */
    static List<String> blindErrors(List<EvalArticle> articles) {
        List<String> report = new ArrayList<>();
        for (EvalArticle article : articles.stream().filter(article -> !article.test()).toList()) {
            for (String site : BlindSitePages.SITES) {
                BlindSitePages.Labelled page = BlindSitePages.page(article, site);
                Extracted got = oursHtml(page.html());
                List<String> wrong = new ArrayList<>();
                if (!page.title().equals(got.title())) {
                    wrong.add("title: " + got.title());
                }
                if (page.author() != null && !page.author().equals(got.author())) {
                    wrong.add("author: " + got.author());
                }
                if (!sameTime(page.published(), got.published())) {
                    wrong.add("date: " + got.published());
                }
                if (page.section() != null && !page.section().equalsIgnoreCase(got.section())) {
                    wrong.add("section: " + got.section());
                }
                List<String> expected = page.paragraphs().stream().map(PageExtractionEvaluation::key).toList();
                got.paragraphs().stream().filter(p -> !key(p).isEmpty() && !expected.contains(key(p))).forEach(p -> wrong.add("+ " + p));
                List<String> found = got.paragraphs().stream().map(PageExtractionEvaluation::key).toList();
                page.paragraphs().stream().filter(p -> !found.contains(key(p))).forEach(p -> wrong.add("- " + p));
                if (!wrong.isEmpty()) {
                    report.add("== " + article.id() + " " + site);
                    wrong.forEach(line -> report.add("   " + line));
                }
            }
        }
        return report;
    }

    private static BlindSitePages.Labelled ours(EvalArticle article, String site, String page) {
        return new BlindSitePages.Labelled(site, page, article.title(), article.author(), article.published(), article.section(),
                article.bodyParagraphs(), article.credits());
    }

    private static String score(List<BlindSitePages.Labelled> pages, Function<String, Extracted> reader) {
        Counts titles = new Counts();
        Counts authors = new Counts();
        Counts dates = new Counts();
        Counts sections = new Counts();
        Counts paragraphs = new Counts();
        Counts words = new Counts();
        Counts credits = new Counts();
        for (BlindSitePages.Labelled page : pages) {
            Extracted got = reader.apply(page.html());
            titles.hit(page.title().equals(got.title()));
            dates.hit(sameTime(page.published(), got.published()));
            if (page.author() != null) {
                authors.hit(page.author().equals(got.author()));
            }
            if (page.section() != null) {
                sections.hit(page.section().equalsIgnoreCase(got.section()));
            }
            List<String> expected = page.paragraphs().stream().map(PageExtractionEvaluation::key).toList();
            List<String> found = got.paragraphs().stream().map(PageExtractionEvaluation::key).filter(p -> !p.isEmpty()).toList();
            paragraphs.add(expected, found);
            words.add(words(expected), words(found));
            // A credit counts if its names are in a credit ingest gave, whatever label it wears ("Photo:", "Credit:").
            for (String credit : page.credits()) {
                String names = key(BlindSitePages.bare(credit));
                credits.hit(got.credits().stream().anyMatch(given -> key(given).contains(names)));
            }
        }
        return String.format("title %s author %s date %s section %s | paragraphs P %.2f R %.2f | words P %.2f R %.2f | credits %.2f",
                titles.rate(), authors.rate(), dates.rate(), sections.rate(),
                paragraphs.precision(), paragraphs.recall(), words.precision(), words.recall(), credits.share());
    }

    // The same instant; or, where the page shows only the day (read as its midnight, UTC), the same day.
    private static boolean sameTime(Instant expected, Instant got) {
        if (got == null) {
            return false;
        }
        boolean dayOnly = got.equals(got.truncatedTo(ChronoUnit.DAYS));
        return expected.equals(got) || dayOnly && expected.truncatedTo(ChronoUnit.DAYS).equals(got);
    }

    private static Extracted oursHtml(String html) {
        Page page = HtmlPage.read(html);
        ArticleBody body = ArticleBody.ofHtml(page.bodyHtml());
        return new Extracted(page.title(), page.author(), page.publishedAt() == null ? null : page.publishedAt().toInstant(),
                page.categories().isEmpty() ? null : page.categories().get(0), Arrays.asList(body.text().split("\n\n")),
                body.photoCredits());
    }

    private static Extracted oursText(String text) {
        Page page = PageText.read(text);
        ArticleBody body = ArticleBody.ofText(page.body());
        return new Extracted(page.title(), page.author(), page.publishedAt() == null ? null : page.publishedAt().toInstant(),
                page.categories().isEmpty() ? null : page.categories().get(0), Arrays.asList(body.text().split("\n\n")),
                body.photoCredits());
    }

    private static Extracted plainHtml(String html, boolean paragraphsOnly) {
        Document document = Jsoup.parse(html);
        Element author = document.selectFirst("meta[name=author]");
        List<String> body = paragraphsOnly ? document.select("p").eachText() : List.of(document.body().text());
        return new Extracted(document.title(), author == null ? null : author.attr("content"), null, null, body, List.of());
    }

    private static Extracted plainText(String text) {
        String[] lines = text.strip().split("\n", 2);
        return new Extracted(lines[0].strip(), null, null, null,
                lines.length < 2 ? List.of() : Arrays.asList(lines[1].strip().split("\n\\s*\n")), List.of());
    }

    private static String key(String paragraph) {
        return paragraph.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static List<String> words(List<String> paragraphs) {
        return paragraphs.stream().flatMap(p -> Arrays.stream(p.split(" "))).filter(w -> !w.isEmpty()).toList();
    }

    /** Items found and expected, matched as multisets. */
    private static final class Counts {

        private long found;
        private long expected;
        private long matched;

        void add(List<String> wanted, List<String> got) {
            Map<String, Integer> left = new HashMap<>();
            wanted.forEach(item -> left.merge(item, 1, Integer::sum));
            for (String item : got) {
                Integer count = left.get(item);
                if (count != null && count > 0) {
                    left.put(item, count - 1);
                    matched++;
                }
            }
            found += got.size();
            expected += wanted.size();
        }

        void hit(boolean right) {
            expected++;
            matched += right ? 1 : 0;
        }

        double share() {
            return expected == 0 ? 0 : (double) matched / expected;
        }

        // The share of pages right, or a dash where no page shows the field.
        String rate() {
            return expected == 0 ? "  - " : String.format("%.2f", (double) matched / expected);
        }

        double precision() {
            return found == 0 ? 0 : (double) matched / found;
        }

        double recall() {
            return expected == 0 ? 0 : (double) matched / expected;
        }
    }
}
