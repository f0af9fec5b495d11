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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
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
    static final String DUPLICATE = "duplicate";
    private static final String STEMS = "stems";
    private static final String VERSION = "version";
    private static final String TITLE = "title";
    private static final String URL = "url";
    private static final String CATEGORY_CODES = "categoryCodes";
    private static final String CATEGORY_LABELS = "categoryLabels";
    private static final String KEYWORDS = "keywords";
    private static final String STORY = "story";
    private static final String DUPLICATE_OF = "duplicateOf";
    private static final String SIGNATURE_VALUES = "signatureValues";
    private static final String SEPARATOR = "\u001f";
    private static final double COMMON_TERM_SHARE = 0.05;
    private static final int QUERY_TERMS = 12;
    private static final int MIN_COMMON_TERM_DOCUMENTS = 100;
    static final long REFRESH_MILLIS = 250;
    static final int MAX_RECENT = 1_000;
    static final int COPY_CANDIDATES = 8;

    // Term frequencies but no positions: the text field is only ever queried term by term.
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.freeze();
    }

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
        this(path, Duration.ofMillis(REFRESH_MILLIS));
    }

    /** As {@link #RelatedIndex(Path)}, with the reader reopened every {@code refreshEvery} while there are writes. */
    RelatedIndex(Path path, Duration refreshEvery) {
        try {
            this.deleteOnClose = path == null;
            this.path = path == null ? Files.createTempDirectory("newsflow-related-") : Files.createDirectories(path);
            // Small new segments stay in memory: the reader is reopened after nearly every write.
            this.directory = new NRTCachingDirectory(new MMapDirectory(this.path), 8, 64);
            IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(64);
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
        Query old = LongPoint.newRangeQuery(TIME, Long.MIN_VALUE, time.toEpochMilli() - 1);
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
            return Optional.of(searcher.storedFields().document(hits.scoreDocs[0].doc).getField(VERSION).numericValue().longValue());
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
                    Document document = searcher.storedFields().document(hit.doc);
                    if (!written.containsKey(document.get(ID))) {
                        best = candidate(document, similarity);
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
     */
    public List<Candidate> similar(Map<String, Double> keywords, Collection<String> excludedIds, Instant from, Instant to,
            int limit) {
        if (keywords.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        // In a small index every shared term counts; the share applies once there are enough articles to tell.
        double common = Math.max(MIN_COMMON_TERM_DOCUMENTS, COMMON_TERM_SHARE * frequencies.documents());
        // Retrieval asks for the best few distinctive terms; the re-ranking compares all keywords. Terms in many
        // articles find nothing in particular and are what makes such a query slow.
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> keyword : keywords.entrySet()) {
            if (used.size() < QUERY_TERMS && frequencies.documentFrequency(keyword.getKey()) <= common) {
                terms.add(new BoostQuery(new TermQuery(new Term(TEXT, keyword.getKey())), keyword.getValue().floatValue()),
                        BooleanClause.Occur.SHOULD);
                used.put(keyword.getKey(), keyword.getValue());
            }
        }
        if (used.isEmpty()) {
            return List.of();
        }
        Query built = restricted(terms.build(), excludedIds, from, to);
        return withView((searcher, written) -> {
            TopDocs hits = top(searcher, built, limit + replacedCount(written));
            StoredFields stored = searcher.storedFields();
            List<Candidate> candidates = new ArrayList<>(hits.scoreDocs.length + written.size());
            for (ScoreDoc hit : hits.scoreDocs) {
                Document document = stored.document(hit.doc);
                if (!written.containsKey(document.get(ID)) && candidates.size() < limit) {
                    candidates.add(candidate(document, hit.score));
                }
            }
            // Articles written since the reader opened, compared directly; scored by the query weights they contain.
            for (Recent entry : written.values()) {
                IndexedArticle other = entry.article();
                if (excludedIds.contains(other.articleId()) || other.duplicateOf() != null || !within(other, from, to)) {
                    continue;
                }
                double score = 0;
                for (Map.Entry<String, Double> term : used.entrySet()) {
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
     * {@code query} restricted as {@link #similar} restricts its own: to {@code [from, to]}, without
     * {@code excludedIds} and without copies.
     */
    public Query restricted(Query query, Collection<String> excludedIds, Instant from, Instant to) {
        BooleanQuery.Builder restricted = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(DUPLICATE, "true")), BooleanClause.Occur.MUST_NOT);
        excludedIds.forEach(id -> restricted.add(new TermQuery(new Term(ID, id)), BooleanClause.Occur.MUST_NOT));
        return within(restricted.build(), from, to);
    }

    // The time filter only where the window leaves out indexed articles: the index holds little more than the
    // window, and a filter that matches everything still costs a check per matching article.
    private Query within(Query query, Instant from, Instant to) {
        if (from.toEpochMilli() <= oldest.get() && to.toEpochMilli() >= newest.get()) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(TIME, from.toEpochMilli(), to.toEpochMilli()), BooleanClause.Occur.FILTER)
                .build();
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

    /** Turns a stored document found by {@link #search} into a candidate. */
    public static Candidate candidate(Document stored, double score) {
        IndexableFieldValues fields = new IndexableFieldValues(stored);
        return new Candidate(stored.get(ID), stored.getField(VERSION).numericValue().longValue(), stored.get(TITLE),
                stored.get(URL), Instant.ofEpochMilli(stored.getField(TIME).numericValue().longValue()),
                fields.list(CATEGORY_CODES), fields.list(CATEGORY_LABELS), fields.weights(KEYWORDS), stored.get(STORY),
                stored.get(DUPLICATE_OF), score);
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
        document.add(new StringField(ID, article.articleId(), Field.Store.YES));
        document.add(new StoredField(VERSION, article.version()));
        if (article.title() != null) {
            document.add(new StoredField(TITLE, article.title()));
        }
        if (article.url() != null) {
            document.add(new StoredField(URL, article.url()));
        }
        long time = article.time().toEpochMilli();
        document.add(new LongPoint(TIME, time));
        document.add(new StoredField(TIME, time));
        document.add(new Field(TEXT, new StemStream(article.stemFrequencies()), TEXT_TYPE));
        document.add(new BinaryDocValuesField(STEMS, new BytesRef(String.join(SEPARATOR, article.stemFrequencies().keySet()))));
        if (!article.signature().isEmpty()) {
            article.signature().bands().forEach(band -> document.add(new StringField(SIGNATURE, band, Field.Store.NO)));
            document.add(new BinaryDocValuesField(SIGNATURE_VALUES, article.signature().toBytes()));
        }
        document.add(new StoredField(CATEGORY_CODES, String.join(SEPARATOR, article.categoryCodes())));
        document.add(new StoredField(CATEGORY_LABELS, String.join(SEPARATOR, article.categoryLabels())));
        StringBuilder keywords = new StringBuilder();
        article.keywords().forEach((stem, weight) -> keywords.append(stem).append(SEPARATOR).append(weight).append(SEPARATOR));
        document.add(new StoredField(KEYWORDS, keywords.toString()));
        if (article.storyId() != null) {
            document.add(new StoredField(STORY, article.storyId()));
        }
        if (article.duplicateOf() != null) {
            document.add(new StoredField(DUPLICATE_OF, article.duplicateOf()));
            document.add(new StringField(DUPLICATE, "true", Field.Store.NO));
        }
        return document;
    }

    // Reads back the joined values of stored fields.
    private record IndexableFieldValues(Document stored) {

        List<String> list(String field) {
            String joined = stored.get(field);
            return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(SEPARATOR));
        }

        Map<String, Double> weights(String field) {
            String[] parts = stored.get(field) == null ? new String[0] : stored.get(field).split(SEPARATOR);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int i = 0; i + 1 < parts.length; i += 2) {
                weights.put(parts[i], Double.parseDouble(parts[i + 1]));
            }
            return weights;
        }
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
