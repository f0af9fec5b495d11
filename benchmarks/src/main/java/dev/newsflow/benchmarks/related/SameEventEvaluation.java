package dev.newsflow.benchmarks.related;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import dev.newsflow.enrichment.related.RelatedPostFinder;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.RelatedPost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Same-event retrieval on the {@link SameEventCorpus}: for every article, are its top 5 about the same event? Four
 * rankings in one run, over the same articles:
 *
 * <ul>
 * <li><em>related posts, as stored</em>: the articles enriched one by one in order of publication, as
 * enrichment-service does (relate, then index), each article's list as MongoDB ends up holding it: its own related
 * posts at enrichment, plus the later articles that entered them through reverse updates;</li>
 * <li><em>related posts, all indexed</em>: each article related again once every article is indexed;</li>
 * <li><em>TF-IDF cosine</em>, the plain baseline: every other article ranked by the cosine of whole-text vectors
 * (title and body through Lucene's English analyzer, raw term frequency times smoothed idf, L2-normalised), no
 * time window;</li>
 * <li><em>MoreLikeThis</em>: Lucene's, default settings, over the same index, window and exclusions as ours.</li>
 * </ul>
 *
 * Precision at 5 counts the same-event articles among the top 5; nDCG at 5 rewards them by rank, against the best
 * order possible with the event's articles.
 *
 * <p>{@code java -jar benchmarks/target/newsflow-benchmarks.jar same-event [--split=test|dev|all]}
 */
@Command(name = "same-event", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Same-event retrieval on the same-event corpus: P@5 and nDCG@5 of related posts (as stored and",
                "over the whole index) beside TF-IDF cosine and Lucene's MoreLikeThis, then P@5 per topic."})
public final class SameEventEvaluation implements Callable<Integer> {

    private static final List<String> SPLITS = List.of("test", "dev", "all");

    static final int K = 5;

    /** A ranking's figures over the queries. */
    public record Figures(String ranking, int queries, double precisionAt5, double ndcgAt5) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test (to report), dev (to tune) or all (default ${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() {
        if (!SPLITS.contains(split)) {
            throw new ParameterException(spec.commandLine(), "--split must be one of " + SPLITS + ", not '" + split + "'");
        }
        List<SameEventCorpus> corpus = SameEventCorpus.load(split);
        System.out.printf("same-event corpus, split %s: %d articles, %d events, %d topics%n", split, corpus.size(),
                corpus.stream().map(SameEventCorpus::event).distinct().count(),
                corpus.stream().map(SameEventCorpus::topic).distinct().count());
        System.out.println("| ranking | queries | P@5 | nDCG@5 |");
        System.out.println("|---|---|---|---|");
        Map<String, Map<String, List<String>>> rankings = rank(corpus, RelatedPostsRun.DEFAULTS);
        Map<String, String> eventOf = eventOf(corpus);
        for (Figures figures : figures(rankings, eventOf)) {
            System.out.printf("| %s | %d | %.3f | %.3f |%n", figures.ranking(), figures.queries(), figures.precisionAt5(),
                    figures.ndcgAt5());
        }
        // Where each ranking loses: P@5 per kind of event.
        System.out.printf("%n| topic | %s |%n|---|%s%n", String.join(" | ", rankings.keySet()), "---|".repeat(rankings.size()));
        for (String topic : corpus.stream().map(SameEventCorpus::topic).distinct().toList()) {
            Set<String> ids = corpus.stream().filter(article -> article.topic().equals(topic)).map(SameEventCorpus::id)
                    .collect(Collectors.toSet());
            List<String> cells = new ArrayList<>();
            rankings.forEach((ranking, tops) -> {
                Map<String, List<String>> ofTopic = new LinkedHashMap<>(tops);
                ofTopic.keySet().retainAll(ids);
                cells.add(String.format("%.3f", figures(ranking, ofTopic, eventOf).precisionAt5()));
            });
            System.out.printf("| %s | %s |%n", topic, String.join(" | ", cells));
        }
        return 0;
    }

    /** The four rankings' figures on {@code corpus}, ours with {@code settings}. */
    public static List<Figures> evaluate(List<SameEventCorpus> corpus, RelatedPostFinder.Settings settings) {
        return figures(rank(corpus, settings), eventOf(corpus));
    }

    private static List<Figures> figures(Map<String, Map<String, List<String>>> rankings, Map<String, String> eventOf) {
        return rankings.entrySet().stream().map(ranking -> figures(ranking.getKey(), ranking.getValue(), eventOf)).toList();
    }

    private static Map<String, String> eventOf(List<SameEventCorpus> corpus) {
        return corpus.stream().collect(Collectors.toMap(SameEventCorpus::id, SameEventCorpus::event));
    }

    // Each ranking's top articles per query article, by ranking name.
    private static Map<String, Map<String, List<String>>> rank(List<SameEventCorpus> corpus, RelatedPostFinder.Settings settings) {
        List<SyntheticArticle> articles = corpus.stream().map(SameEventCorpus::synthetic)
                .sorted(Comparator.comparing(SyntheticArticle::publishedAt).thenComparing(SyntheticArticle::id))
                .toList();
        Map<String, List<String>> stored = new LinkedHashMap<>();
        Map<String, List<String>> reRelated = new LinkedHashMap<>();
        Map<String, List<String>> moreLikeThis = new LinkedHashMap<>();
        try (RelatedPostsRun run = new RelatedPostsRun(settings)) {
            StoredLists lists = new StoredLists(settings.limit());
            for (SyntheticArticle article : articles) {
                RelatedPostsRun.Prepared prepared = run.prepare(article);
                RelatedPostFinder.Relations relations = run.relate(prepared);
                run.index().put(run.indexed(prepared, relations.storyId(), relations.duplicateOf()));
                lists.enriched(article.id(), relations);
            }
            for (SyntheticArticle article : articles) {
                stored.put(article.id(), lists.ids(article.id()));
                reRelated.put(article.id(), run.relate(run.prepare(article)).relatedPosts().stream().map(RelatedPost::articleId).toList());
                moreLikeThis.put(article.id(), run.moreLikeThis(article));
            }
        }
        Map<String, List<String>> cosine = new TfIdfCosine(new ArticleText(), articles).topK(K);
        Map<String, Map<String, List<String>>> rankings = new LinkedHashMap<>();
        rankings.put("related posts, as stored (enriched in order)", stored);
        rankings.put("related posts, all indexed", reRelated);
        rankings.put("TF-IDF cosine, whole text", cosine);
        rankings.put("Lucene MoreLikeThis", moreLikeThis);
        return rankings;
    }

    static Figures figures(String ranking, Map<String, List<String>> tops, Map<String, String> eventOf) {
        Map<String, Integer> eventSizes = new HashMap<>();
        eventOf.values().forEach(event -> eventSizes.merge(event, 1, Integer::sum));
        double precision = 0;
        double ndcg = 0;
        for (Map.Entry<String, List<String>> top : tops.entrySet()) {
            String event = eventOf.get(top.getKey());
            Function<String, Boolean> relevant = id -> event.equals(eventOf.get(id));
            double dcg = 0;
            int hits = 0;
            for (int rank = 0; rank < Math.min(K, top.getValue().size()); rank++) {
                if (relevant.apply(top.getValue().get(rank))) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(K, eventSizes.get(event) - 1); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            precision += hits / (double) K;
            ndcg += ideal == 0 ? 0 : dcg / ideal;
        }
        return new Figures(ranking, tops.size(), precision / tops.size(), ndcg / tops.size());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    // The related posts MongoDB holds per article: set at enrichment, then entered by later articles as
    // ArticleStore.addRelatedPost does (the post replaces its older entry, the best `limit` by score are kept).
    private static final class StoredLists {

        private final int limit;
        private final Map<String, List<RelatedPost>> posts = new HashMap<>();

        StoredLists(int limit) {
            this.limit = limit;
        }

        void enriched(String articleId, RelatedPostFinder.Relations relations) {
            posts.put(articleId, new ArrayList<>(relations.relatedPosts()));
            for (RelatedPostFinder.ReverseLink link : relations.reverse()) {
                List<RelatedPost> list = posts.computeIfAbsent(link.articleId(), id -> new ArrayList<>());
                list.removeIf(known -> known.articleId().equals(link.post().articleId()));
                list.add(link.post());
                list.sort(Comparator.comparingDouble(RelatedPost::score).reversed());
                if (list.size() > limit) {
                    list.subList(limit, list.size()).clear();
                }
            }
        }

        List<String> ids(String articleId) {
            return posts.getOrDefault(articleId, List.of()).stream().map(RelatedPost::articleId).toList();
        }
    }

}
