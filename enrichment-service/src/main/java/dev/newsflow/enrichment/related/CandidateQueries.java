package dev.newsflow.enrichment.related;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene queries of the related-posts index: an article's weighted stems for candidates, its MinHash bands for
 * copies, the time window and the exclusions. Stateless but for the index's document frequencies and time bounds,
 * which it only reads.
 */
final class CandidateQueries {

    /** A stem in more than this share of the articles finds nothing in particular and makes a query slow. */
    static final double COMMON_TERM_SHARE = 0.05;
    /** In a small index every shared term counts: the share applies from this many articles of a stem on. */
    static final int MIN_COMMON_TERM_DOCUMENTS = 100;

    private final DocumentFrequencies frequencies;
    private final TimeBounds bounds;

    CandidateQueries(DocumentFrequencies frequencies, TimeBounds bounds) {
        this.frequencies = frequencies;
        this.bounds = bounds;
    }

    /** The oldest and newest times indexed, so that a window holding them all needs no filter. */
    interface TimeBounds {
        long oldest();

        long newest();
    }

    /** The best {@code limit} of {@code weighted} (in their order) that are not common, for retrieval. */
    Map<String, Double> distinctive(Map<String, Double> weighted, int limit) {
        double common = Math.max(MIN_COMMON_TERM_DOCUMENTS, COMMON_TERM_SHARE * frequencies.documents());
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> term : weighted.entrySet()) {
            if (used.size() == limit) {
                break;
            }
            if (frequencies.documentFrequency(term.getKey()) <= common) {
                used.put(term.getKey(), term.getValue());
            }
        }
        return used;
    }

    /** The rarest of {@code terms}, as many as keep their postings together within {@code postings}. */
    Map<String, Double> rarest(Map<String, Double> terms, int postings) {
        List<Map.Entry<String, Double>> byFrequency = new ArrayList<>(terms.entrySet());
        byFrequency.sort(Comparator.comparingInt(term -> frequencies.documentFrequency(term.getKey())));
        Map<String, Double> rarest = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Double> term : byFrequency) {
            total += frequencies.documentFrequency(term.getKey());
            if (total > postings) {
                break;
            }
            rarest.put(term.getKey(), term.getValue());
        }
        return rarest;
    }

    /** A BM25 query of the stems, each boosted by its weight. */
    static Query stems(Map<String, Double> weighted) {
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        weighted.forEach((term, weight) -> terms.add(
                new BoostQuery(new TermQuery(new Term(RelatedSchema.TEXT, term)), weight.floatValue()), BooleanClause.Occur.SHOULD));
        return terms.build();
    }

    /** Articles sharing bands with {@code signature}, scored by how many they share; never {@code excludedId}. */
    static Query copies(MinHashSignature signature, String excludedId) {
        BooleanQuery.Builder bands = new BooleanQuery.Builder();
        signature.bands().forEach(band -> bands.add(new ConstantScoreQuery(new TermQuery(new Term(RelatedSchema.SIGNATURE, band))),
                BooleanClause.Occur.SHOULD));
        return new BooleanQuery.Builder()
                .add(bands.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(RelatedSchema.ID, excludedId)), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /** {@code query} restricted to {@code [from, to]} and without {@code excludedIds}. */
    Query restricted(Query query, Collection<String> excludedIds, Instant from, Instant to) {
        BooleanQuery.Builder restricted = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        excludedIds.forEach(id -> restricted.add(new TermQuery(new Term(RelatedSchema.ID, id)), BooleanClause.Occur.MUST_NOT));
        return within(restricted.build(), from, to);
    }

    // The time filter only where the window leaves out indexed articles: the index holds little more than the
    // window, and a filter that matches everything still costs a check per matching article.
    private Query within(Query query, Instant from, Instant to) {
        if (from.toEpochMilli() <= bounds.oldest() && to.toEpochMilli() >= bounds.newest()) {
            return query;
        }
        // The range first: in a segment without articles in it, the query's terms are not even looked up.
        return new BooleanQuery.Builder()
                .add(timeRange(from.toEpochMilli(), to.toEpochMilli()), BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST)
                .build();
    }

    // The documents of a segment are sorted by time, so the range is found by binary search over the segment's
    // times rather than by collecting every matching document from the points.
    static Query timeRange(long from, long to) {
        return new IndexSortSortedNumericDocValuesRangeQuery(RelatedSchema.TIME, from, to,
                LongPoint.newRangeQuery(RelatedSchema.TIME, from, to));
    }
}
