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

    @Option(names = "--corpus", paramLabel = "CORPUS", defaultValue = SameEventCorpus.DEFAULT_CORPUS,
            description = "a corpus under related/ (same-event-corpus, same-event-blind) or a JSON-lines file "
                    + "(default ${DEFAULT-VALUE})")
    String corpusName;

    @Option(names = "--losses", description = "also print every query whose related posts (as stored) miss a partner, "
            + "and the single articles given related posts")
    boolean losses;

    @Override
    public Integer call() {
        if (!SPLITS.contains(split)) {
            throw new ParameterException(spec.commandLine(), "--split must be one of " + SPLITS + ", not '" + split + "'");
        }
        List<SameEventCorpus> corpus;
        try {
            corpus = SameEventCorpus.load(corpusName, split);
        }
        catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        System.out.printf("%s, split %s: %d articles, %d events, %d topics%n", corpusName, split, corpus.size(),
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
        System.out.printf("| best possible (events of %s) | %d | %.3f | %.3f |%n", "their sizes", corpus.size(),
                ceiling(eventOf.keySet(), eventOf), eventOf.keySet().stream()
                        .filter(id -> eventSize(eventOf).get(eventOf.get(id)) > 1).count() / (double) corpus.size());
        // Where each ranking loses: P@5 per kind of event, then per length of the query article.
        Map<String, Set<String>> byTopic = new LinkedHashMap<>();
        corpus.forEach(article -> byTopic.computeIfAbsent(article.topic(), topic -> new java.util.LinkedHashSet<>())
                .add(article.id()));
        table("topic", byTopic, rankings, eventOf);
        Map<String, Set<String>> byLength = new LinkedHashMap<>();
        for (String length : LENGTHS) {
            byLength.put(length, new java.util.LinkedHashSet<>());
        }
        corpus.forEach(article -> byLength.get(length(article)).add(article.id()));
        byLength.values().removeIf(Set::isEmpty);
        table("words (title and body)", byLength, rankings, eventOf);
        if (losses) {
            printLosses(corpus, rankings.values().iterator().next(), eventOf);
        }
        return 0;
    }

    private static final List<String> LENGTHS = List.of("under 80", "80-199", "200-399", "400 and more");

    private static String length(SameEventCorpus article) {
        int words = (article.title() + " " + article.body()).split("\\s+").length;
        return words < 80 ? LENGTHS.get(0) : words < 200 ? LENGTHS.get(1) : words < 400 ? LENGTHS.get(2) : LENGTHS.get(3);
    }

    private static void table(String heading, Map<String, Set<String>> groups, Map<String, Map<String, List<String>>> rankings,
            Map<String, String> eventOf) {
        System.out.printf("%n| %s | queries | best possible | %s |%n|---|---|---|%s%n", heading,
                String.join(" | ", rankings.keySet()), "---|".repeat(rankings.size()));
        groups.forEach((group, ids) -> {
            List<String> cells = new ArrayList<>();
            rankings.forEach((ranking, tops) -> {
                Map<String, List<String>> ofGroup = new LinkedHashMap<>(tops);
                ofGroup.keySet().retainAll(ids);
                cells.add(String.format("%.3f", figures(ranking, ofGroup, eventOf).precisionAt5()));
            });
            System.out.printf("| %s | %d | %.3f | %s |%n", group, ids.size(), ceiling(ids, eventOf), String.join(" | ", cells));
        });
    }

    // The best P@5 any ranking could reach on these queries: an event of n articles gives each n - 1 partners.
    private static double ceiling(Set<String> ids, Map<String, String> eventOf) {
        Map<String, Integer> sizes = eventSize(eventOf);
        return ids.stream().mapToDouble(id -> Math.min(K, sizes.get(eventOf.get(id)) - 1) / (double) K).average().orElse(0);
    }

    private static Map<String, Integer> eventSize(Map<String, String> eventOf) {
        Map<String, Integer> sizes = new HashMap<>();
        eventOf.values().forEach(event -> sizes.merge(event, 1, Integer::sum));
        return sizes;
    }

    // Every query whose top 5 misses a partner it could hold, with its top 5 marked: + same event, - another.
    private static void printLosses(List<SameEventCorpus> corpus, Map<String, List<String>> tops, Map<String, String> eventOf) {
        Map<String, Integer> sizes = eventSize(eventOf);
        Map<String, SameEventCorpus> byId = corpus.stream().collect(Collectors.toMap(SameEventCorpus::id, Function.identity()));
        System.out.printf("%nLosses of %s:%n", "related posts as stored");
        for (SameEventCorpus article : corpus) {
            List<String> top = tops.getOrDefault(article.id(), List.of());
            String event = article.event();
            long hits = top.stream().limit(K).filter(id -> event.equals(eventOf.get(id))).count();
            int possible = Math.min(K, sizes.get(event) - 1);
            boolean junk = possible == 0 && !top.isEmpty();
            if (hits < possible || junk) {
                System.out.printf("%s [%s] (%d of %d)%s%n", article.id(), length(article), hits, possible,
                        junk ? " single, given " + top.size() : "");
                top.stream().limit(K).forEach(id -> System.out.printf("   %s %s: %s%n",
                        event.equals(eventOf.get(id)) ? "+" : "-", id, byId.get(id).title()));
            }
        }
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
