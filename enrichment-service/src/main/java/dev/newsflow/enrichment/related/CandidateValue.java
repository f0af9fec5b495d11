package dev.newsflow.enrichment.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * An indexed article's {@link Candidate} fields as the bytes of one binary doc value: id, version, title, URL,
 * time, category codes and labels, story, original and its {@link TermVector}.
 */
final class CandidateValue {

    private CandidateValue() {
    }

    static BytesRef of(IndexedArticle article) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeString(article.articleId());
            out.writeVLong(article.version());
            writeNullable(out, article.title());
            writeNullable(out, article.url());
            out.writeLong(article.time().toEpochMilli());
            writeList(out, article.categoryCodes());
            writeList(out, article.categoryLabels());
            writeNullable(out, article.storyId());
            writeNullable(out, article.duplicateOf());
            article.terms().writeTo(out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new BytesRef(out.toArrayCopy());
    }

    static Candidate read(BytesRef value, double score) {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        try {
            String id = in.readString();
            long version = in.readVLong();
            String title = readNullable(in);
            String url = readNullable(in);
            Instant time = Instant.ofEpochMilli(in.readLong());
            List<String> codes = readList(in);
            List<String> labels = readList(in);
            String storyId = readNullable(in);
            String duplicateOf = readNullable(in);
            return new Candidate(id, version, title, url, time, codes, labels, TermVector.readFrom(in), storyId,
                    duplicateOf, score);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writeNullable(DataOutput out, String value) throws IOException {
        out.writeByte((byte) (value == null ? 0 : 1));
        if (value != null) {
            out.writeString(value);
        }
    }

    private static String readNullable(DataInput in) throws IOException {
        return in.readByte() == 0 ? null : in.readString();
    }

    private static void writeList(DataOutput out, List<String> values) throws IOException {
        out.writeVInt(values.size());
        for (String value : values) {
            out.writeString(value);
        }
    }

    private static List<String> readList(DataInput in) throws IOException {
        int size = in.readVInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readString());
        }
        return List.copyOf(values);
    }
}
