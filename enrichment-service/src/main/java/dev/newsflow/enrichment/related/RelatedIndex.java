package dev.newsflow.enrichment.related;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.codecs.lucene912.Lucene912PostingsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * A Lucene index of the articles in the related-posts window, inside enrichment-service. MongoDB stays the source
 * of truth: the index is rebuilt from it at start-up and kept current from the enriched-articles topic, so every
 * instance holds every article. Lookups are index queries, never scans: related candidates come from a BM25 query
 * of the article's weighted keywords over the indexed stems, near-duplicates from a query of its MinHash bands.
 *
 * <p>Thread-safe: writes are serialised; searches run on a near-real-time reader. Opening a new reader flushes a
 * segment, which costs more than a lookup, so it is not done per write: a background thread reopens the reader
 * every {@value #REFRESH_MILLIS} ms while there are new writes. Until then, the articles written since the reader
 * was opened (at most {@value #MAX_RECENT}, a few at usual rates) are held in memory and compared with each query
 * directly, so every search sees every write that returned before it, as if the reader were reopened per write.
 */
public final class RelatedIndex implements Closeable {

    static final String ID = "id";
    /** The field of the indexed stems (Lucene's English analyzer), for queries this class does not offer. */
    public static final String TEXT = "text";
    static final String SIGNATURE = "signature";
    static final String TIME = "time";
    private static final String STEMS = "stems";
    // What a search hands on of an article, as one binary doc value (CandidateValue): read where it lies, unlike
    // stored fields, which decompress a block of articles for each one read.
    private static final String CANDIDATE = "candidate";
    private static final String SIGNATURE_VALUES = "signatureValues";
    private static final String SEPARATOR = "\u001f";
    private static final double COMMON_TERM_SHARE = 0.05;
    private static final int QUERY_TERMS = 12;
    private static final int MIN_COMMON_TERM_DOCUMENTS = 100;
    static final long REFRESH_MILLIS = 250;
    static final int MAX_RECENT = 1_000;
    static final int COPY_CANDIDATES = 8;
    static final int FAR_POSTINGS = 5_000;
    static final int FAR_CANDIDATES = 10;

    // Term frequencies but no positions: the text field is only ever queried term by term.
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.freeze();
    }

    private final int farPostings;
    private final Path path;
    private final boolean deleteOnClose;
    private final Directory directory;
    private final IndexWriter writer;
    private final DocumentFrequencies frequencies = new DocumentFrequencies();
    // Writes are numbered. The view is the current reader with the number of the last write it shows; recent holds
    // the articles put after that, newest version per id. Both change together, under viewLock.
    private final AtomicLong writes = new AtomicLong();
    // The last write recent does not hold (a rebuild's adds, deletions): searches wait until the reader shows it.
    private final AtomicLong unbuffered = new AtomicLong();
    private final Object viewLock = new Object();
    private final Map<String, Recent> recent = new LinkedHashMap<>();
    private volatile View view;
    private final Object refreshLock = new Object();
    private final ScheduledExecutorService refresher;
    // The oldest and newest times ever indexed (pruning does not move them: a filter too many is only slower).
    private final AtomicLong oldest = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

    /**
     * An empty index in {@code path} (anything there is replaced), or in a new temporary directory, deleted on
     * {@link #close()}, if {@code path} is {@code null}.
     */
    public RelatedIndex(Path path) {
        this(path, Duration.ofMillis(REFRESH_MILLIS), FAR_POSTINGS);
    }

    /**
     * As {@link #RelatedIndex(Path)}, with the reader reopened every {@code refreshEvery} while there are writes,
     * and at most {@code farPostings} postings searched beyond the near tier (see {@link #similar}).
     */
    RelatedIndex(Path path, Duration refreshEvery, int farPostings) {
        this.farPostings = farPostings;
        try {
            this.deleteOnClose = path == null;
            this.path = path == null ? Files.createTempDirectory("newsflow-related-") : Files.createDirectories(path);
            // Small new segments stay in memory: the reader is reopened after nearly every write.
            this.directory = new NRTCachingDirectory(new MMapDirectory(this.path), 8, 64);
            IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64)
                    // Segments sorted by time: a time range is a run of documents, found by binary search.
                    .setIndexSort(new Sort(new SortField(TIME, SortField.Type.LONG)))
                    // Only neighbouring segments are merged, so that, as articles arrive in about the order of
                    // their time, each segment holds a stretch of time and a search of a few days touches few.
                    .setMergePolicy(new LogByteSizeMergePolicy())
                    .setCodec(new BloomFilteredLookups());
            this.writer = new IndexWriter(directory, config);
            this.view = new View(DirectoryReader.open(writer), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "related-index-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshEvery.toMillis(), refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The document frequencies of the indexed stems. */
    public DocumentFrequencies frequencies() {
        return frequencies;
    }

    /** Adds {@code article}, replacing the version of it already indexed. */
    public synchronized void put(IndexedArticle article) {
        showUnbufferedWrites();
        try {
            Optional<Collection<String>> replaced = stemsOf(article.articleId());
            replaced.ifPresent(frequencies::remove);
            writer.updateDocument(new Term(ID, article.articleId()), document(article));
            frequencies.add(article.stemFrequencies().keySet());
            long write = writes.incrementAndGet();
            synchronized (viewLock) {
                recent.remove(article.articleId());
                recent.put(article.articleId(), new Recent(article, write, replaced.isPresent()));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        boolean full;
        synchronized (viewLock) {
            full = recent.size() > MAX_RECENT;
        }
        if (full) {
            refresh();
        }
    }

    /**
     * Adds {@code article}, which the index does not hold: for rebuilding, much faster than {@link #put}, and safe
     * to call from several threads at once.
     */
    public void add(IndexedArticle article) {
        try {
            writer.addDocument(document(article));
            frequencies.add(article.stemFrequencies().keySet());
            unbuffered.accumulateAndGet(writes.incrementAndGet(), Math::max);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Removes every article, for a rebuild. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            frequencies.clear();
            synchronized (viewLock) {
                recent.clear();
            }
            unbuffered.accumulateAndGet(writes.incrementAndGet(), Math::max);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Removes the articles whose time is before {@code time}; returns how many. */
    public synchronized int deleteOlderThan(Instant time) {
        Query old = timeRange(Long.MIN_VALUE, time.toEpochMilli() - 1);
        // Everything written so far is in the reader, so the stems removed are those of the versions deleted.
        refreshAll();
        try {
            List<Collection<String>> removed = new ArrayList<>();
            withSearcher(searcher -> {
                searcher.search(old, new SimpleCollector() {
                    private BinaryDocValues stems;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        stems = context.reader().getBinaryDocValues(STEMS);
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (stems != null && stems.advanceExact(doc)) {
                            removed.add(split(stems.binaryValue()));
                        }
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                });
                return null;
            });
            writer.deleteDocuments(old);
            removed.forEach(frequencies::remove);
            synchronized (viewLock) {
                recent.values().removeIf(entry -> entry.article().time().isBefore(time));
            }
            unbuffered.accumulateAndGet(writes.incrementAndGet(), Math::max);
            return removed.size();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** How many articles are indexed. */
    public int size() {
        refreshAll();
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** How many segments the reader has: each lookup term is looked up once per segment. */
    public int segments() {
        refreshAll();
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
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
        showUnbufferedWrites();
        synchronized (viewLock) {
            Recent written = recent.get(articleId);
            if (written != null) {
                return Optional.of(written.article().version());
            }
        }
        return withSearcher(searcher -> {
            TopDocs hits = searcher.search(new TermQuery(new Term(ID, articleId)), 1);
            if (hits.scoreDocs.length == 0) {
                return Optional.<Long>empty();
            }
            return Optional.of(candidate(searcher, hits.scoreDocs[0].doc, 0).version());
        });
    }

    /**
     * The indexed article most similar in content to {@code signature}, with the estimated Jaccard similarity of
     * their shingles, among articles in {@code [from, to]} other than {@code excludedId}, if it is at least
     * {@code minSimilarity}. Candidates share at least one band of the signature; the
     * {@value #COPY_CANDIDATES} sharing most bands are checked against their whole signatures.
     */
    public Optional<Candidate> nearestCopy(MinHashSignature signature, String excludedId, Instant from, Instant to,
            double minSimilarity) {
        if (signature.isEmpty()) {
            return Optional.empty();
        }
        BooleanQuery.Builder bands = new BooleanQuery.Builder();
        // Each shared band counts 1, so the score is the number of shared bands.
        signature.bands().forEach(band -> bands.add(new ConstantScoreQuery(new TermQuery(new Term(SIGNATURE, band))),
                BooleanClause.Occur.SHOULD));
        Query query = within(new BooleanQuery.Builder()
                .add(bands.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(ID, excludedId)), BooleanClause.Occur.MUST_NOT)
                .build(), from, to);
        return withView((searcher, written) -> {
            Candidate best = null;
            // Hits that a recent write replaced are skipped: ask for one more hit per such write.
            TopDocs hits = top(searcher, query, COPY_CANDIDATES + replacedCount(written));
            for (ScoreDoc hit : hits.scoreDocs) {
                BytesRef values = binaryValue(searcher, hit.doc, SIGNATURE_VALUES);
                if (values == null) {
                    continue;
                }
                double similarity = signature.similarity(MinHashSignature.fromBytes(values));
                if (better(similarity, best, minSimilarity)) {
                    Candidate found = candidate(searcher, hit.doc, similarity);
                    if (!written.containsKey(found.articleId())) {
                        best = found;
                    }
                }
            }
            for (Recent entry : written.values()) {
                IndexedArticle other = entry.article();
                if (other.articleId().equals(excludedId) || other.signature().isEmpty() || !within(other, from, to)) {
                    continue;
                }
                double similarity = signature.similarity(other.signature());
                if (better(similarity, best, minSimilarity)) {
                    best = candidate(other, similarity);
                }
            }
            return Optional.ofNullable(best);
        });
    }

    // Ties keep the earlier candidate: the one sharing more bands.
    private static boolean better(double similarity, Candidate best, double minSimilarity) {
        return best == null ? similarity >= minSimilarity : similarity > best.score();
    }

    /**
     * Up to {@code limit} articles in {@code [from, to]} that share weighted keywords with {@code keywords}, best
     * BM25 match first, followed by every such article written since the reader was opened (scored by the weights
     * of the query terms it contains, not BM25); never {@code excludedIds} and never an article marked as a copy.
     * Every distinctive keyword is searched in the whole range.
     */
    public List<Candidate> similar(Map<String, Double> keywords, Collection<String> excludedIds, Instant from, Instant to,
            int limit) {
        return similar(keywords, excludedIds, from, to, null, null, limit);
    }

    /**
     * As {@link #similar(Map, Collection, Instant, Instant, int)}, searched in two tiers of time, so that the work
     * of a lookup grows with the articles near {@code around} and not with the whole range. Within {@code near} of
     * {@code around} (the near tier) the {@value #QUERY_TERMS} best distinctive keywords are searched, for up to
     * {@code limit} matches. In the rest of {@code [from, to]} only the rarest of them are, as many as keep their
     * postings together under {@value #FAR_POSTINGS}, for up to {@value #FAR_CANDIDATES} more: an older article is
     * found through what is specific to it.
     */
    public List<Candidate> similar(Map<String, Double> keywords, Collection<String> excludedIds, Instant from, Instant to,
            Instant around, Duration near, int limit) {
        if (keywords.isEmpty()) {
            return List.of();
        }
        // In a small index every shared term counts; the share applies once there are enough articles to tell.
        double common = Math.max(MIN_COMMON_TERM_DOCUMENTS, COMMON_TERM_SHARE * frequencies.documents());
        // Retrieval asks for the best few distinctive terms; the re-ranking compares all keywords. Terms in many
        // articles find nothing in particular and are what makes such a query slow.
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> keyword : keywords.entrySet()) {
            if (used.size() < QUERY_TERMS && frequencies.documentFrequency(keyword.getKey()) <= common) {
                used.put(keyword.getKey(), keyword.getValue());
            }
        }
        if (used.isEmpty()) {
            return List.of();
        }
        boolean tiered = around != null && near != null;
        Instant nearFrom = tiered && around.minus(near).isAfter(from) ? around.minus(near) : from;
        Instant nearTo = tiered && around.plus(near).isBefore(to) ? around.plus(near) : to;
        Map<String, Double> rarest = nearFrom.isAfter(from) || nearTo.isBefore(to) ? rarest(used) : Map.of();
        Query nearTier = restricted(terms(used), excludedIds, nearFrom, nearTo);
        // The far tier searches the whole range and skips what the near tier found: cheaper than leaving the near
        // range out of its search.
        Query farTier = rarest.isEmpty() ? null : restricted(terms(rarest), excludedIds, from, to);
        return withView((searcher, written) -> {
            int replaced = replacedCount(written);
            List<Candidate> candidates = new ArrayList<>(limit + FAR_CANDIDATES + written.size());
            Set<Integer> found = new HashSet<>();
            for (ScoreDoc hit : top(searcher, nearTier, limit + replaced).scoreDocs) {
                found.add(hit.doc);
                Candidate candidate = candidate(searcher, hit.doc, hit.score);
                if (!written.containsKey(candidate.articleId()) && candidates.size() < limit) {
                    candidates.add(candidate);
                }
            }
            if (farTier != null) {
                int far = 0;
                for (ScoreDoc hit : top(searcher, farTier, limit + FAR_CANDIDATES + replaced).scoreDocs) {
                    if (found.add(hit.doc) && far < FAR_CANDIDATES) {
                        Candidate candidate = candidate(searcher, hit.doc, hit.score);
                        if (!written.containsKey(candidate.articleId())) {
                            candidates.add(candidate);
                            far++;
                        }
                    }
                }
            }
            // Articles written since the reader opened, compared directly; scored by the query weights they contain
            // (beyond the near tier, those of the far tier's terms).
            for (Recent entry : written.values()) {
                IndexedArticle other = entry.article();
                if (excludedIds.contains(other.articleId()) || other.duplicateOf() != null || !within(other, from, to)) {
                    continue;
                }
                double score = 0;
                for (Map.Entry<String, Double> term : (within(other, nearFrom, nearTo) ? used : rarest).entrySet()) {
                    if (other.stemFrequencies().containsKey(term.getKey())) {
                        score += term.getValue();
                    }
                }
                if (score > 0) {
                    candidates.add(candidate(other, score));
                }
            }
            return candidates;
        });
    }

    // The rarest of the terms, as many as keep their postings together within the far tier's budget.
    private Map<String, Double> rarest(Map<String, Double> terms) {
        List<Map.Entry<String, Double>> byFrequency = new ArrayList<>(terms.entrySet());
        byFrequency.sort(Comparator.comparingInt(term -> frequencies.documentFrequency(term.getKey())));
        Map<String, Double> rarest = new LinkedHashMap<>();
        long postings = 0;
        for (Map.Entry<String, Double> term : byFrequency) {
            postings += frequencies.documentFrequency(term.getKey());
            if (postings > farPostings) {
                break;
            }
            rarest.put(term.getKey(), term.getValue());
        }
        return rarest;
    }

    private static Query terms(Map<String, Double> weighted) {
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        weighted.forEach((term, weight) -> terms.add(new BoostQuery(new TermQuery(new Term(TEXT, term)), weight.floatValue()),
                BooleanClause.Occur.SHOULD));
        return terms.build();
    }

    private static boolean within(IndexedArticle article, Instant from, Instant to) {
        return !article.time().isBefore(from) && !article.time().isAfter(to);
    }

    private static int replacedCount(Map<String, Recent> written) {
        int replaced = 0;
        for (Recent entry : written.values()) {
            if (entry.replaced()) {
                replaced++;
            }
        }
        return replaced;
    }

    /**
     * {@code query} restricted as {@link #similar} restricts its own: to {@code [from, to]} and without
     * {@code excludedIds}. A query of the text field never finds a copy: copies' text is not indexed.
     */
    public Query restricted(Query query, Collection<String> excludedIds, Instant from, Instant to) {
        BooleanQuery.Builder restricted = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST);
        excludedIds.forEach(id -> restricted.add(new TermQuery(new Term(ID, id)), BooleanClause.Occur.MUST_NOT));
        return within(restricted.build(), from, to);
    }

    // The time filter only where the window leaves out indexed articles: the index holds little more than the
    // window, and a filter that matches everything still costs a check per matching article.
    private Query within(Query query, Instant from, Instant to) {
        if (from.toEpochMilli() <= oldest.get() && to.toEpochMilli() >= newest.get()) {
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
    private static Query timeRange(long from, long to) {
        return new IndexSortSortedNumericDocValuesRangeQuery(TIME, from, to, LongPoint.newRangeQuery(TIME, from, to));
    }

    /**
     * Lucene's codec, with a Bloom filter in front of the terms of the id and signature-band fields. Their terms are
     * unique or nearly so (an id per article, bands shared only by copies), and most lookups are of terms a segment
     * does not hold (a new article's id and bands): the filter answers those without reading the terms dictionary.
     */
    private static final class BloomFilteredLookups extends FilterCodec {

        private final PostingsFormat terms = new Lucene912PostingsFormat();
        private final PostingsFormat lookups = new BloomFilteringPostingsFormat(terms,
                new BloomFilterFactory() {
                    @Override
                    public FuzzySet getSetForField(SegmentWriteState state, FieldInfo info) {
                        int termsPerDocument = SIGNATURE.equals(info.name) ? MinHashSignature.BANDS : 1;
                        long terms = Math.max(1L, state.segmentInfo.maxDoc()) * termsPerDocument;
                        return FuzzySet.createOptimalSet((int) Math.min(Integer.MAX_VALUE, terms), 0.1f);
                    }

                    @Override
                    public boolean isSaturated(FuzzySet bloomFilter, FieldInfo fieldInfo) {
                        return bloomFilter.getSaturation() > 0.9f;
                    }
                });
        private final PostingsFormat postings = new PerFieldPostingsFormat() {
            @Override
            public PostingsFormat getPostingsFormatForField(String field) {
                return ID.equals(field) || SIGNATURE.equals(field) ? lookups : terms;
            }
        };

        BloomFilteredLookups() {
            super(Codec.getDefault().getName(), Codec.getDefault());
        }

        @Override
        public PostingsFormat postingsFormat() {
            return postings;
        }
    }

    /** Runs {@code search} on the current reader; for queries this class does not offer (e.g. a benchmark's). */
    public <T> T search(SearchFunction<T> search) {
        refreshAll();
        return withSearcher(search);
    }

    /** A search against the index. */
    @FunctionalInterface
    public interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private static Candidate candidate(IndexedArticle article, double score) {
        return new Candidate(article.articleId(), article.version(), article.title(), article.url(), article.time(),
                article.categoryCodes(), article.categoryLabels(), article.keywords(), article.storyId(),
                article.duplicateOf(), score);
    }

    /** The candidate that document {@code doc} of {@code searcher}'s reader (found by {@link #search}) is. */
    public static Candidate candidate(IndexSearcher searcher, int doc, double score) throws IOException {
        BytesRef value = binaryValue(searcher, doc, CANDIDATE);
        if (value == null) {
            throw new IllegalStateException("Document " + doc + " is not an indexed article");
        }
        return CandidateValue.read(value, score);
    }

    /**
     * An indexed article found by a query.
     *
     * @param score the query's score: BM25 for {@link #similar}, estimated Jaccard similarity for {@link #nearestCopy}
     */
    public record Candidate(String articleId, long version, String title, String url, Instant time, List<String> categoryCodes,
            List<String> categoryLabels, Map<String, Double> keywords, String storyId, String duplicateOf, double score) {
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            synchronized (refreshLock) {
                view.reader().decRef();
            }
            IOUtils.close(writer, directory);
            if (deleteOnClose) {
                IOUtils.rm(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // Only the best hits are wanted, not how many there are, so the search may skip what cannot make the top.
    private static TopDocs top(IndexSearcher searcher, Query query, int limit) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(limit, null, limit));
    }

    // The current reader with the number of the last write it shows, and a searcher over it.
    private record View(DirectoryReader reader, long visible, IndexSearcher searcher) {

        View(DirectoryReader reader, long visible) {
            this(reader, visible, searcherOf(reader));
        }

        private static IndexSearcher searcherOf(DirectoryReader reader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            // Every query is an article's own terms: caching clauses would only cost.
            searcher.setQueryCache(null);
            return searcher;
        }
    }

    // An article put since the reader opened: replaced says whether the reader may hold an older version of it.
    private record Recent(IndexedArticle article, long write, boolean replaced) {
    }

    /** A search over a reader and the articles written since it opened, newest version per id. */
    @FunctionalInterface
    private interface ViewSearch<T> {
        T apply(IndexSearcher searcher, Map<String, Recent> written) throws IOException;
    }

    // Opens a new reader if anything was written since the current one opened.
    private void refresh() {
        synchronized (refreshLock) {
            long target = writes.get();
            View current = view;
            if (current.visible() >= target) {
                return;
            }
            try {
                // Every write numbered up to target returned before it was numbered, so the new reader shows it.
                DirectoryReader changed = DirectoryReader.openIfChanged(current.reader(), writer, true);
                View next = changed == null ? new View(current.reader(), target, current.searcher()) : new View(changed, target);
                synchronized (viewLock) {
                    view = next;
                    recent.values().removeIf(entry -> entry.write() <= target);
                }
                if (changed != null) {
                    current.reader().decRef();
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    // Only for puts: a rebuild's adds are shown by the first search after it, not flushed in small segments.
    private void refreshQuietly() {
        try {
            boolean buffered;
            synchronized (viewLock) {
                buffered = !recent.isEmpty();
            }
            if (buffered) {
                refresh();
            }
        }
        catch (RuntimeException ex) {
            // Closed, or a failing disk: the next search refreshes itself and reports it.
        }
    }

    // For reading the whole index through Lucene alone (sizes, deletions, other queries).
    private void refreshAll() {
        while (view.visible() < writes.get()) {
            refresh();
        }
    }

    // Writes that recent does not hold must be in the reader before a search.
    private void showUnbufferedWrites() {
        while (view.visible() < unbuffered.get()) {
            refresh();
        }
    }

    private <T> T withView(ViewSearch<T> search) {
        showUnbufferedWrites();
        View current;
        Map<String, Recent> written;
        synchronized (viewLock) {
            current = view;
            // Taken together with the view: an article leaves recent only once a view that shows it is current.
            current.reader().incRef();
            written = recent.isEmpty() ? Map.of() : new LinkedHashMap<>(recent);
        }
        try {
            return search.apply(current.searcher(), written);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            decRef(current);
        }
    }

    private <T> T withSearcher(SearchFunction<T> search) {
        return withView((searcher, written) -> search.apply(searcher));
    }

    private static void decRef(View view) {
        try {
            view.reader().decRef();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // The stems counted for the version of articleId written last: in recent if written since the reader opened.
    private Optional<Collection<String>> stemsOf(String articleId) throws IOException {
        synchronized (viewLock) {
            Recent written = recent.get(articleId);
            if (written != null) {
                return Optional.of(written.article().stemFrequencies().keySet());
            }
        }
        return withSearcher(searcher -> {
            TopDocs hits = searcher.search(new TermQuery(new Term(ID, articleId)), 1);
            if (hits.scoreDocs.length == 0) {
                return Optional.<Collection<String>>empty();
            }
            BytesRef stems = binaryValue(searcher, hits.scoreDocs[0].doc, STEMS);
            return stems == null ? Optional.<Collection<String>>empty() : Optional.of(split(stems));
        });
    }

    // The binary doc value of field for a document of the searcher's reader, or null if it has none.
    private static BytesRef binaryValue(IndexSearcher searcher, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues values = leaf.reader().getBinaryDocValues(field);
        return values != null && values.advanceExact(doc - leaf.docBase) ? values.binaryValue() : null;
    }

    private static Collection<String> split(BytesRef bytes) {
        String joined = bytes.utf8ToString();
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
    }

    private Document document(IndexedArticle article) {
        oldest.accumulateAndGet(article.time().toEpochMilli(), Math::min);
        newest.accumulateAndGet(article.time().toEpochMilli(), Math::max);
        Document document = new Document();
        document.add(new StringField(ID, article.articleId(), Field.Store.NO));
        long time = article.time().toEpochMilli();
        document.add(new LongPoint(TIME, time));
        document.add(new NumericDocValuesField(TIME, time));
        // A copy is never a related candidate, so its words are not searchable: leaving it out of every text search
        // by a clause instead cost ten times the search itself.
        if (article.duplicateOf() == null) {
            document.add(new Field(TEXT, new StemStream(article.stemFrequencies()), TEXT_TYPE));
        }
        document.add(new BinaryDocValuesField(STEMS, new BytesRef(String.join(SEPARATOR, article.stemFrequencies().keySet()))));
        if (!article.signature().isEmpty()) {
            article.signature().bands().forEach(band -> document.add(new StringField(SIGNATURE, band, Field.Store.NO)));
            document.add(new BinaryDocValuesField(SIGNATURE_VALUES, article.signature().toBytes()));
        }
        document.add(new BinaryDocValuesField(CANDIDATE, CandidateValue.of(article)));
        return document;
    }

    // The stems of an article, each repeated as often as it occurs: the text is analysed once, before indexing.
    private static final class StemStream extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final List<Map.Entry<String, Integer>> stems;
        private int index;
        private int remaining;

        StemStream(Map<String, Integer> frequencies) {
            this.stems = List.copyOf(frequencies.entrySet());
        }

        @Override
        public boolean incrementToken() {
            while (remaining == 0) {
                if (index >= stems.size()) {
                    return false;
                }
                remaining = stems.get(index++).getValue();
            }
            remaining--;
            clearAttributes();
            term.setEmpty().append(stems.get(index - 1).getKey());
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            index = 0;
            remaining = 0;
        }
    }
}
