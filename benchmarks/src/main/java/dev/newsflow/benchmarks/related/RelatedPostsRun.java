package dev.newsflow.benchmarks.related;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.newsflow.benchmarks.corpus.SyntheticArticle;
import dev.newsflow.enrichment.related.ArticleKeywords;
import dev.newsflow.enrichment.related.ArticleNames;
import dev.newsflow.enrichment.related.Candidate;
import dev.newsflow.enrichment.related.ContentSignature;
import dev.newsflow.enrichment.related.IndexedArticle;
import dev.newsflow.enrichment.related.MinHashSignature;
import dev.newsflow.enrichment.related.RelatedIndex;
import dev.newsflow.enrichment.related.RelatedPostFinder;
import dev.newsflow.enrichment.related.TermVector;
import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.RelatedPost;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.bson.Document;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * enrichment-service's related-posts steps (analysis, keywords, signature, relate, index), without Spring, Kafka
 * or MongoDB, over a synthetic corpus; with the measures the benchmark reports.
 */
public final class RelatedPostsRun implements AutoCloseable {

    /** The service's defaults (enrichment-service's application.yml). */
    public static final RelatedPostFinder.Settings DEFAULTS = new RelatedPostFinder.Settings(5, Duration.ofDays(30), 30, 0.05,
            0.5, 0.4, Duration.ofDays(3), Duration.ofDays(3), 5, 0.1);
    static final int KEYWORDS = 25;

    private final ArticleText text = new ArticleText();
    private final ContentSignature signatures = new ContentSignature();
    private final ArticleNames names = new ArticleNames(text);
    private final RelatedIndex index = new RelatedIndex(null);
    private final RelatedPostFinder finder;
    private final RelatedPostFinder.Settings settings;

    public RelatedPostsRun(RelatedPostFinder.Settings settings) {
        this.settings = settings;
        this.finder = new RelatedPostFinder(index, settings);
    }

    public RelatedIndex index() {
        return index;
    }

    /** What enrichment computes of an article before relating it. */
    public record Prepared(SyntheticArticle article, AnalysedText analysed, ArticleKeywords keywords, Set<String> names,
            MinHashSignature signature) {
    }

    public Prepared prepare(SyntheticArticle article) {
        AnalysedText analysed = text.analyse(article.title(), article.body());
        return new Prepared(article, analysed, ArticleKeywords.of(analysed, index.frequencies(), KEYWORDS, 5),
                names.of(article.body()), signatures.of(article.body()));
    }

    public RelatedPostFinder.Relations relate(Prepared prepared) {
        SyntheticArticle article = prepared.article();
        return finder.relate(new RelatedPostFinder.Article(article.id(), article.title(), null, article.publishedAt(),
                List.of(article.category()), List.of(article.category()), prepared.analysed().stemFrequencies(), prepared.names(),
                prepared.signature(), prepared.analysed().surfaces()));
    }

    public IndexedArticle indexed(Prepared prepared, String storyId, String duplicateOf) {
        SyntheticArticle article = prepared.article();
        return new IndexedArticle(article.id(), 1, article.title(), null, article.publishedAt(), List.of(article.category()),
                List.of(article.category()), TermVector.of(prepared.analysed().stemFrequencies(), prepared.names()),
                prepared.analysed().stemFrequencies(), prepared.signature(), storyId, duplicateOf);
    }

    /** An article as stored in MongoDB, analysed again as enrichment-service does when it rebuilds its index. */
    public IndexedArticle indexed(Document stored) {
        String title = stored.getString("title");
        String body = stored.getString("body");
        Map<String, Integer> stems = text.termFrequencies(title, body);
        List<String> categories = stored.getList("categories", Document.class, List.of()).stream()
                .map(category -> category.getString("code")).toList();
        return new IndexedArticle(stored.getString("_id"), stored.get("version", Number.class).longValue(), title, null,
                stored.getDate("publishedAt").toInstant(), categories, categories,
                TermVector.of(stems, names.of(body)), stems, signatures.of(body), stored.getString("storyId"), stored.getString("duplicateOf"));
    }

    /** Counts of copy detection and story grouping from enriching a corpus in arrival order. */
    public record ArrivalQuality(int copies, int flagged, int correctlyFlagged, double storyPairPrecision,
            double storyPairRecall) {

        public double copyPrecision() {
            return flagged == 0 ? 1 : (double) correctlyFlagged / flagged;
        }

        public double copyRecall() {
            return copies == 0 ? 1 : (double) correctlyFlagged / copies;
        }
    }

    /** Enriches every article in order, as enrichment-service would: relate, then index with its copy and story. */
    public ArrivalQuality enrichInOrder(Iterator<SyntheticArticle> corpus) {
        int copies = 0;
        int flagged = 0;
        int correct = 0;
        Map<String, Map<String, Integer>> cells = new HashMap<>();
        while (corpus.hasNext()) {
            SyntheticArticle article = corpus.next();
            Prepared prepared = prepare(article);
            RelatedPostFinder.Relations relations = relate(prepared);
            index.put(indexed(prepared, relations.storyId(), relations.duplicateOf()));
            if (article.copyOf() != null) {
                copies++;
            }
            if (relations.duplicateOf() != null) {
                flagged++;
                if (relations.duplicateOf().equals(article.copyOf())) {
                    correct++;
                }
            }
            cells.computeIfAbsent(relations.storyId(), key -> new HashMap<>()).merge(article.storyId(), 1, Integer::sum);
        }
        double samePredictedAndTrue = 0;
        double predictedPairs = 0;
        Map<String, Integer> truthSizes = new HashMap<>();
        for (Map<String, Integer> row : cells.values()) {
            int size = 0;
            for (Map.Entry<String, Integer> cell : row.entrySet()) {
                samePredictedAndTrue += pairs(cell.getValue());
                size += cell.getValue();
                truthSizes.merge(cell.getKey(), cell.getValue(), Integer::sum);
            }
            predictedPairs += pairs(size);
        }
        double truePairs = truthSizes.values().stream().mapToDouble(RelatedPostsRun::pairs).sum();
        return new ArrivalQuality(copies, flagged, correct, predictedPairs == 0 ? 1 : samePredictedAndTrue / predictedPairs,
                truePairs == 0 ? 1 : samePredictedAndTrue / truePairs);
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }

    /** Precision at 5 for same-story retrieval, newsflow's related posts against Lucene's MoreLikeThis. */
    public record PrecisionAt5(int queries, double related, double moreLikeThis) {
    }

    /**
     * For each query (an indexed original), the share of its top 5 that are about the same story, from newsflow's
     * related posts and from MoreLikeThis (default settings, English analyzer, same index, same exclusions: the
     * article itself, copies, the time window).
     */
    public PrecisionAt5 precisionAt5(List<SyntheticArticle> queries, Function<String, String> storyOf) {
        double ours = 0;
        double mlt = 0;
        for (SyntheticArticle query : queries) {
            RelatedPostFinder.Relations relations = relate(prepare(query));
            ours += relations.relatedPosts().stream().map(RelatedPost::articleId)
                    .filter(id -> query.storyId().equals(storyOf.apply(id))).count() / 5.0;
            mlt += moreLikeThis(query).stream().filter(id -> query.storyId().equals(storyOf.apply(id))).count() / 5.0;
        }
        return new PrecisionAt5(queries.size(), ours / queries.size(), mlt / queries.size());
    }

    /** The ids of MoreLikeThis's top 5 for {@code query}. */
    public List<String> moreLikeThis(SyntheticArticle query) {
        return index.search(searcher -> {
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(new EnglishAnalyzer());
            mlt.setFieldNames(new String[] {RelatedIndex.textField()});
            Query like = mlt.like(RelatedIndex.textField(), new StringReader(query.title() + "\n" + query.body()));
            TopDocs hits = searcher.search(index.restricted(like, Set.of(query.id()),
                    query.publishedAt().minus(settings.window()), query.publishedAt().plus(settings.window())), 5);
            List<String> ids = new ArrayList<>();
            for (ScoreDoc hit : hits.scoreDocs) {
                ids.add(RelatedIndex.candidate(searcher, hit.doc, hit.score).articleId());
            }
            return ids;
        });
    }

    @Override
    public void close() {
        index.close();
    }
}
