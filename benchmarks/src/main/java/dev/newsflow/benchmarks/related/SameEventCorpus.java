package dev.newsflow.benchmarks.related;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same-event corpus (resource {@value #RESOURCE}): news reports written for this evaluation, several per event by
 * different publishers (wire reports, local angles, briefs, business and follow-up pieces; from one-line briefs to
 * full reports of several paragraphs whose background recalls the other event of the pair), events paired by kind
 * (two earthquakes, two celebrity arrests, two elections, two bank mergers...), so that every event has a
 * same-topic distractor. Topics are split into {@code dev} (for tuning) and {@code test} (for reporting).
 *
 * @param id the article's id
 * @param split {@code dev} or {@code test}
 * @param topic the kind of event, shared by two events
 * @param event the event it reports: the truth of same-event retrieval
 */
public record SameEventCorpus(String id, String split, String topic, String event, String publisher, Instant publishedAt,
        String title, String body) {

    static final String RESOURCE = "/related/same-event-corpus.jsonl";

    /** The default corpus's name, a resource under {@code related/}. */
    public static final String DEFAULT_CORPUS = "same-event-corpus";

    /**
     * The blind set (resource {@code related/same-event-blind.jsonl}): 165 reports written before reading the
     * related-posts code, in the styles of scraped wire and newspaper pages (photo credits, source lines, "Related
     * posts" boxes), 49 events of 2 to 6 reports and 12 single articles whose event starts with {@value #SINGLE}.
     */
    public static final String BLIND_CORPUS = "same-event-blind";

    /** How a single article's event starts: an article no other one reports the event of. */
    public static final String SINGLE = "single-";

    /** The articles of {@code split} ({@code dev}, {@code test}, or {@code all}), in the resource's order. */
    public static List<SameEventCorpus> load(String split) {
        return load(DEFAULT_CORPUS, split);
    }

    /**
     * The articles of {@code split} in {@code corpus}: the name of a resource under {@code related/} (without
     * {@code .jsonl}) or the path of a JSON-lines file.
     */
    public static List<SameEventCorpus> load(String corpus, String split) {
        JsonMapper json = JsonMapper.builder().build();
        List<SameEventCorpus> articles = new ArrayList<>();
        try (InputStream in = open(corpus);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                SameEventCorpus article = json.readValue(line, SameEventCorpus.class);
                if ("all".equals(split) || article.split().equals(split)) {
                    articles.add(article);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return articles;
    }

    private static InputStream open(String corpus) throws IOException {
        InputStream resource = SameEventCorpus.class.getResourceAsStream("/related/" + corpus + ".jsonl");
        if (resource != null) {
            return resource;
        }
        Path path = Path.of(corpus);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        throw new IllegalArgumentException("no corpus '" + corpus + "': neither a resource related/" + corpus
                + ".jsonl nor a file");
    }

    /** As the related-posts run takes articles: the topic as the category, the event as the truth. */
    SyntheticArticle synthetic() {
        return new SyntheticArticle(id, publisher, title, body, topic, publishedAt, event, null);
    }
}
