package dev.newsflow.enrichment.related;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * A Lucene index of the articles in the related-posts window, inside enrichment-service, in Lucene's own pattern:
 * one {@link IndexWriter}, a {@link SearcherManager} and a {@link ControlledRealTimeReopenThread}. MongoDB stays the
 * source of truth: the index is rebuilt from it at start-up and kept current from the enriched-articles topic.
 * Lookups are index queries ({@link CandidateQueries}), never scans.
 *
 * <p>Concurrency: Lucene's; searches acquire a searcher and release it, without locks, after waiting until it shows
 * every write that returned before they began; writes that read the index before writing (put, remove, prune,
 * clear) are serialised on this object's monitor so that the document frequencies stay exact.
 */
public final class RelatedIndex implements Closeable {

    static final Duration MAX_STALE = Duration.ofMillis(250);
    static final int COPY_CANDIDATES = 8;
    /** Beyond the near tier, the rarest query stems are searched, as many as hold this many postings together. */
    static final int FAR_POSTINGS = 5_000;
    static final int FAR_CANDIDATES = 10;

    private final int farPostings;
    private final Path path;
    private final boolean deleteOnClose;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final DocumentFrequencies frequencies = new DocumentFrequencies();
    // The sequence number of the last write: a search waits until its searcher shows it.
    private final AtomicLong lastWrite = new AtomicLong(-1);
    // The oldest and newest times ever indexed (pruning does not move them: a filter too many is only slower).
    private final AtomicLong oldest = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
    private final CandidateQueries queries;

    /**
     * An empty index in {@code path} (anything there is replaced), or in a new temporary directory, deleted on
     * {@link #close()}, if {@code path} is {@code null}.
     */
    public RelatedIndex(Path path) {
        this(path, MAX_STALE, FAR_POSTINGS);
    }

    /**
     * As {@link #RelatedIndex(Path)}, with the searcher reopened at least every {@code maxStale} while there are
     * writes (and at once for a search that waits for one), and at most {@code farPostings} postings searched
     * beyond the near tier (see {@link #similar}).
     */
    RelatedIndex(Path path, Duration maxStale, int farPostings) {
        this.farPostings = farPostings;
        this.queries = new CandidateQueries(frequencies, new CandidateQueries.TimeBounds() {
            @Override
            public long oldest() {
                return oldest.get();
            }

            @Override
            public long newest() {
                return newest.get();
            }
        });
        try {
            this.deleteOnClose = path == null;
            this.path = path == null ? Files.createTempDirectory("newsflow-related-") : Files.createDirectories(path);
            // Small new segments stay in memory: near-real-time reopens flush often.
            this.directory = new NRTCachingDirectory(new MMapDirectory(this.path), 8, 64);
            IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64)
                    .setIndexSort(RelatedSchema.SORT)
                    // Only neighbouring segments are merged, so that, as articles arrive in about the order of
                    // their time, each segment holds a stretch of time and a search of a few days touches few.
                    .setMergePolicy(new LogByteSizeMergePolicy())
                    .setCodec(new RelatedSchema.BloomFilteredLookups());
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    // Every query is an article's own terms: caching clauses would only cost.
                    searcher.setQueryCache(null);
                    return searcher;
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        double maxStaleSeconds = maxStale.toMillis() / 1000.0;
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, maxStaleSeconds, 0);
        reopener.setName("related-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /** The document frequencies of the indexed stems. */
    public DocumentFrequencies frequencies() {
        return frequencies;
    }

    /** Adds {@code article}, replacing the version of it already indexed. */
    public synchronized void put(IndexedArticle article) {
        indexed(article.articleId()).ifPresent(this::uncount);
        try {
            written(writer.updateDocument(new Term(RelatedSchema.ID, article.articleId()), RelatedSchema.document(article)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        count(article);
        widenBounds(article.time());
    }

    /**
     * Adds {@code article}, which the index does not hold: for rebuilding, faster than {@link #put}, and safe to
     * call from several threads at once.
     */
    public void add(IndexedArticle article) {
        try {
            written(writer.addDocument(RelatedSchema.document(article)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        count(article);
        widenBounds(article.time());
    }

    /**
     * Removes article {@code articleId} (withdrawn, deleted): it is no longer a candidate, a copy's original or
     * counted in document frequencies. Returns whether it was indexed.
     */
    public synchronized boolean remove(String articleId) {
        Optional<Candidate> indexed = indexed(articleId);
        if (indexed.isEmpty()) {
            return false;
        }
        try {
            written(writer.deleteDocuments(new Term(RelatedSchema.ID, articleId)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        uncount(indexed.get());
        return true;
    }

    /** Removes every article, for a rebuild. */
    public synchronized void clear() {
        try {
            written(writer.deleteAll());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        frequencies.clear();
    }

    /** Removes the articles whose time is before {@code time}; returns how many. */
    public synchronized int deleteOlderThan(Instant time) {
        Query old = CandidateQueries.timeRange(Long.MIN_VALUE, time.toEpochMilli() - 1);
        List<Candidate> removed = search(searcher -> {
            List<Candidate> found = new ArrayList<>();
            searcher.search(old, new SimpleCollector() {
                private BinaryDocValues candidates;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    candidates = context.reader().getBinaryDocValues(RelatedSchema.CANDIDATE);
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (candidates != null && candidates.advanceExact(doc)) {
                        found.add(CandidateValue.read(candidates.binaryValue(), 0));
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            return found;
        });
        try {
            written(writer.deleteDocuments(old));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        removed.forEach(this::uncount);
        return removed.size();
    }

    /** How many articles are indexed (copies included). */
    public int size() {
        return search(searcher -> searcher.getIndexReader().numDocs());
    }

    /** How many segments the index has: a search visits each. */
    public int segments() {
        return search(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** The index's size on disk (memory-mapped, so in the page cache rather than the heap), in bytes. */
    public long sizeOnDisk() {
        try (Stream<Path> files = Files.list(path)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The indexed version of article {@code articleId}, if it is indexed. */
    public Optional<Long> versionOf(String articleId) {
        return indexed(articleId).map(Candidate::version);
    }

    private Optional<Candidate> indexed(String articleId) {
        return search(searcher -> {
            TopDocs hits = searcher.search(new TermQuery(new Term(RelatedSchema.ID, articleId)), 1);
            return hits.scoreDocs.length == 0 ? Optional.<Candidate>empty() : Optional.of(candidate(searcher, hits.scoreDocs[0].doc, 0));
        });
    }

    /**
     * The indexed article most similar in content to {@code signature}, with the estimated Jaccard similarity of
     * their shingles, other than {@code excludedId}, if it is at least {@code minSimilarity}; whatever the two
     * articles' times. Candidates share at least one band of the signature; the {@value #COPY_CANDIDATES} sharing
     * most bands are checked against their whole signatures.
     */
    public Optional<Candidate> nearestCopy(MinHashSignature signature, String excludedId, double minSimilarity) {
        if (signature.isEmpty()) {
            return Optional.empty();
        }
        Query query = CandidateQueries.copies(signature, excludedId);
        return search(searcher -> {
            Candidate best = null;
            for (ScoreDoc hit : top(searcher, query, COPY_CANDIDATES).scoreDocs) {
                BytesRef values = binaryValue(searcher, hit.doc, RelatedSchema.SIGNATURE_VALUES);
                double similarity = values == null ? 0 : signature.similarity(MinHashSignature.fromBytes(values));
                // Ties keep the earlier candidate: the one sharing more bands.
                if (best == null ? similarity >= minSimilarity : similarity > best.score()) {
                    best = candidate(searcher, hit.doc, similarity);
                }
            }
            return Optional.ofNullable(best);
        });
    }

    /**
     * Up to {@code limit} articles in {@code [from, to]} that share the best {@code queryTerms} distinctive stems of
     * {@code weighted} (best first), best BM25 match first; never {@code excludedIds} and never a copy (copies'
     * text is not indexed). Every distinctive stem is searched in the whole range.
     */
    public List<Candidate> similar(Map<String, Double> weighted, int queryTerms, Collection<String> excludedIds, Instant from,
            Instant to, int limit) {
        return similar(weighted, queryTerms, excludedIds, from, to, null, null, limit);
    }

    /**
     * As {@link #similar(Map, int, Collection, Instant, Instant, int)}, searched in two tiers of time, so that the
     * work of a lookup grows with the articles near {@code around} and not with the whole range. Within
     * {@code near} of {@code around} (the near tier) the distinctive stems are searched, for up to {@code limit}
     * matches. In the rest of {@code [from, to]} only the rarest of them are, as many as keep their postings
     * together under {@code farPostings}, for up to {@value #FAR_CANDIDATES} more: an older article is found
     * through what is specific to it.
     */
    public List<Candidate> similar(Map<String, Double> weighted, int queryTerms, Collection<String> excludedIds, Instant from,
            Instant to, Instant around, Duration near, int limit) {
        Map<String, Double> used = queries.distinctive(weighted, queryTerms);
        if (used.isEmpty()) {
            return List.of();
        }
        boolean tiered = around != null && near != null;
        Instant nearFrom = tiered && around.minus(near).isAfter(from) ? around.minus(near) : from;
        Instant nearTo = tiered && around.plus(near).isBefore(to) ? around.plus(near) : to;
        Map<String, Double> rarest = nearFrom.isAfter(from) || nearTo.isBefore(to) ? queries.rarest(used, farPostings) : Map.of();
        Query nearTier = queries.restricted(CandidateQueries.stems(used), excludedIds, nearFrom, nearTo);
        // The far tier searches the whole range and skips what the near tier found: cheaper than leaving the near
        // range out of its search.
        Query farTier = rarest.isEmpty() ? null : queries.restricted(CandidateQueries.stems(rarest), excludedIds, from, to);
        return search(searcher -> {
            List<Candidate> candidates = new ArrayList<>(limit + FAR_CANDIDATES);
            Set<Integer> found = new HashSet<>();
            for (ScoreDoc hit : top(searcher, nearTier, limit).scoreDocs) {
                found.add(hit.doc);
                candidates.add(candidate(searcher, hit.doc, hit.score));
            }
            if (farTier != null) {
                int far = 0;
                for (ScoreDoc hit : top(searcher, farTier, limit + FAR_CANDIDATES).scoreDocs) {
                    if (found.add(hit.doc) && far++ < FAR_CANDIDATES) {
                        candidates.add(candidate(searcher, hit.doc, hit.score));
                    }
                }
            }
            return candidates;
        });
    }

    /**
     * {@code query} restricted as {@link #similar} restricts its own: to {@code [from, to]} and without
     * {@code excludedIds}. A query of the text field never finds a copy: copies' text is not indexed.
     */
    public Query restricted(Query query, Collection<String> excludedIds, Instant from, Instant to) {
        return queries.restricted(query, excludedIds, from, to);
    }

    /** The field of the indexed stems, for queries this class does not offer (e.g. a benchmark's). */
    public static String textField() {
        return RelatedSchema.TEXT;
    }

    /**
     * Runs {@code search} on a searcher that shows every write that returned before this call; for queries this class
     * does not offer (e.g. a benchmark's).
     */
    public <T> T search(SearchFunction<T> search) {
        try {
            // A search right after a write reopens in its own thread rather than waking the reopen thread and
            // waiting for it: the same work without two thread hand-offs per lookup.
            if (reopener.getSearchingGen() < lastWrite.get()) {
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                return search.apply(searcher);
            }
            finally {
                searchers.release(searcher);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A search against the index. */
    @FunctionalInterface
    public interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** The candidate that document {@code doc} of {@code searcher}'s reader (found by {@link #search}) is. */
    public static Candidate candidate(IndexSearcher searcher, int doc, double score) throws IOException {
        BytesRef value = binaryValue(searcher, doc, RelatedSchema.CANDIDATE);
        if (value == null) {
            throw new IllegalStateException("Document " + doc + " is not an indexed article");
        }
        return CandidateValue.read(value, score);
    }

    @Override
    public void close() {
        try {
            IOUtils.close(reopener, searchers, writer, directory);
            if (deleteOnClose) {
                IOUtils.rm(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // A copy is the same text again: counting it would make its original's words look common.
    private void count(IndexedArticle article) {
        if (article.duplicateOf() == null) {
            frequencies.add(article.terms());
        }
    }

    private void uncount(Candidate indexed) {
        if (indexed.duplicateOf() == null) {
            frequencies.remove(indexed.terms());
        }
    }

    private void written(long sequenceNumber) {
        lastWrite.accumulateAndGet(sequenceNumber, Math::max);
    }

    private void widenBounds(Instant time) {
        oldest.accumulateAndGet(time.toEpochMilli(), Math::min);
        newest.accumulateAndGet(time.toEpochMilli(), Math::max);
    }

    // Only the best hits are wanted, not how many there are, so the search may skip what cannot make the top.
    private static TopDocs top(IndexSearcher searcher, Query query, int limit) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(limit, null, limit));
    }

    // The binary doc value of field for a document of the searcher's reader, or null if it has none.
    private static BytesRef binaryValue(IndexSearcher searcher, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues values = leaf.reader().getBinaryDocValues(field);
        return values != null && values.advanceExact(doc - leaf.docBase) ? values.binaryValue() : null;
    }
}
