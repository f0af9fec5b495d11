package dev.newsflow.benchmarks.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

/**
 * Whole pages against what they hold: every article of the evaluation set as a page of each of {@link SitePages}'
 * five site styles, and as each page's copied text, read by ingest ({@link HtmlPage}, {@link PageText}, then
 * {@link ArticleBody}) and by plain baselines: for HTML, the {@code <title>}, {@code meta name=author} and either
 * jsoup's {@code body().text()} or the text of every {@code <p>}; for text, the first line and the rest. Printed:
 * title, author, date (to the day where a copy shows only the day) and section exact-match rates, and the body's paragraph precision and recall (a paragraph
 * counts if its words are a written paragraph's, whatever the case and punctuation) and word precision and recall
 * (bag of words), per split.
 *
 * <p>Run: {@code java -jar benchmarks/target/newsflow-benchmarks.jar pages}
 */
@Command(name = "pages", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Whole pages: the clean-text evaluation set as pages of five site styles and as their copied text,",
                "read by ingest beside plain jsoup baselines: metadata exact match, body paragraph and word P/R."})
public final class PageExtractionEvaluation implements Callable<Integer> {

    @Override
    public Integer call() {
        run(EvalArticle.load()).forEach(System.out::println);
        return 0;
    }

    /** What a reader of a page took from it. */
    record Extracted(String title, String author, Instant published, String section, List<String> paragraphs) {
    }

    static List<String> run(List<EvalArticle> articles) {
        Map<String, Function<String, Extracted>> html = new java.util.LinkedHashMap<>();
        html.put("ours (HtmlPage + ArticleBody)", PageExtractionEvaluation::oursHtml);
        html.put("jsoup body().text()", page -> plainHtml(page, false));
        html.put("all <p> elements", page -> plainHtml(page, true));
        Map<String, Function<String, Extracted>> text = new java.util.LinkedHashMap<>();
        text.put("ours (PageText + ArticleBody)", PageExtractionEvaluation::oursText);
        text.put("first line + rest", PageExtractionEvaluation::plainText);
        List<String> report = new ArrayList<>();
        report.add("Whole pages: " + articles.size() + " articles x " + SitePages.SITES.size() + " site styles, as HTML and "
                + "as copied text (written for this evaluation)");
        for (boolean test : List.of(false, true)) {
            List<EvalArticle> split = articles.stream().filter(article -> article.test() == test).toList();
            report.add((test ? "test" : "dev ") + " (" + split.size() * SitePages.SITES.size() + " pages)");
            html.forEach((name, reader) -> report.add(String.format("  html  %-30s %s", name, score(split, reader, true))));
            text.forEach((name, reader) -> report.add(String.format("  text  %-30s %s", name, score(split, reader, false))));
        }
        return report;
    }

    private static String score(List<EvalArticle> articles, Function<String, Extracted> reader, boolean html) {
        int pages = 0;
        int titles = 0;
        int authors = 0;
        int dates = 0;
        int sections = 0;
        Counts paragraphs = new Counts();
        Counts words = new Counts();
        for (EvalArticle article : articles) {
            for (String site : SitePages.SITES) {
                Extracted got = reader.apply(html ? SitePages.html(article, site) : SitePages.text(article, site));
                pages++;
                titles += article.title().equals(got.title()) ? 1 : 0;
                authors += article.author().equals(got.author()) ? 1 : 0;
                dates += sameTime(article.published(), got.published()) ? 1 : 0;
                sections += article.section().equalsIgnoreCase(got.section()) ? 1 : 0;
                List<String> expected = article.bodyParagraphs().stream().map(PageExtractionEvaluation::key).toList();
                List<String> found = got.paragraphs().stream().map(PageExtractionEvaluation::key).filter(p -> !p.isEmpty()).toList();
                paragraphs.add(expected, found);
                words.add(words(expected), words(found));
            }
        }
        return String.format("title %.2f author %.2f date %.2f section %.2f | paragraphs P %.2f R %.2f | words P %.2f R %.2f",
                (double) titles / pages, (double) authors / pages, (double) dates / pages, (double) sections / pages,
                paragraphs.precision(), paragraphs.recall(), words.precision(), words.recall());
    }

    // The same instant; or, where the page shows only the day (read as its midnight, UTC), the same day.
    private static boolean sameTime(Instant expected, Instant got) {
        if (got == null) {
            return false;
        }
        boolean dayOnly = got.equals(got.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        return expected.equals(got) || dayOnly && expected.truncatedTo(java.time.temporal.ChronoUnit.DAYS).equals(got);
    }

    private static Extracted oursHtml(String html) {
        Page page = HtmlPage.read(html);
        ArticleBody body = ArticleBody.ofHtml(page.bodyHtml());
        return new Extracted(page.title(), page.author(), page.publishedAt() == null ? null : page.publishedAt().toInstant(),
                page.categories().isEmpty() ? null : page.categories().get(0), Arrays.asList(body.text().split("\n\n")));
    }

    private static Extracted oursText(String text) {
        Page page = PageText.read(text);
        ArticleBody body = ArticleBody.ofText(page.body());
        return new Extracted(page.title(), page.author(), page.publishedAt() == null ? null : page.publishedAt().toInstant(),
                page.categories().isEmpty() ? null : page.categories().get(0), Arrays.asList(body.text().split("\n\n")));
    }

    private static Extracted plainHtml(String html, boolean paragraphsOnly) {
        Document document = Jsoup.parse(html);
        Element author = document.selectFirst("meta[name=author]");
        List<String> body = paragraphsOnly ? document.select("p").eachText() : List.of(document.body().text());
        return new Extracted(document.title(), author == null ? null : author.attr("content"), null, null, body);
    }

    private static Extracted plainText(String text) {
        String[] lines = text.strip().split("\n", 2);
        return new Extracted(lines[0].strip(), null, null, null,
                lines.length < 2 ? List.of() : Arrays.asList(lines[1].strip().split("\n\\s*\n")));
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

        double precision() {
            return found == 0 ? 0 : (double) matched / found;
        }

        double recall() {
            return expected == 0 ? 0 : (double) matched / expected;
        }
    }
}
