package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
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
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * The related-posts index's fields, how an {@link IndexedArticle} becomes a Lucene document, its sort and its codec.
 * Stateless.
 */
final class RelatedSchema {

    /** The article id: one term per article. */
    static final String ID = "id";
    /** The indexed stems (Lucene's English analyzer, analysed before indexing), for retrieval. */
    static final String TEXT = "text";
    /** The body's MinHash bands ({@link MinHashSignature#bands()}), for finding copies. */
    static final String SIGNATURE = "signature";
    /** The whole MinHash signature, to check a band's match. */
    static final String SIGNATURE_VALUES = "signatureValues";
    /** The article's time in epoch milliseconds: a point for ranges, a doc value for the index sort. */
    static final String TIME = "time";
    // What a search hands on of an article, as one binary doc value (CandidateValue): read where it lies, unlike
    // stored fields, which decompress a block of articles for each one read.
    static final String CANDIDATE = "candidate";

    /** Segments sorted by time: a time range is a run of documents, found by binary search. */
    static final Sort SORT = new Sort(new SortField(TIME, SortField.Type.LONG));

    // Term frequencies but no positions: the text field is only ever queried term by term.
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.freeze();
    }

    private RelatedSchema() {
    }

    static Document document(IndexedArticle article) {
        Document document = new Document();
        document.add(new StringField(ID, article.articleId(), Field.Store.NO));
        long time = article.time().toEpochMilli();
        document.add(new LongPoint(TIME, time));
        document.add(new NumericDocValuesField(TIME, time));
        // A copy is never a related candidate, so its words are not searchable: leaving it out of every text search
        // by a clause instead cost ten times the search itself.
        if (article.duplicateOf() == null) {
            document.add(new Field(TEXT, new StemStream(article.stems()), TEXT_TYPE));
        }
        if (!article.signature().isEmpty()) {
            article.signature().bands().forEach(band -> document.add(new StringField(SIGNATURE, band, Field.Store.NO)));
            document.add(new BinaryDocValuesField(SIGNATURE_VALUES, article.signature().toBytes()));
        }
        document.add(new BinaryDocValuesField(CANDIDATE, CandidateValue.of(article)));
        return document;
    }

    /**
     * Lucene's codec, with a Bloom filter in front of the terms of the id and signature-band fields. Their terms are
     * unique or nearly so (an id per article, bands shared only by copies), and most lookups are of terms a segment
     * does not hold (a new article's id and bands): the filter answers those without reading the terms dictionary.
     */
    static final class BloomFilteredLookups extends FilterCodec {

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
