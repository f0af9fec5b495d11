package dev.newsflow.benchmarks.stream;

import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SSE subscriber, fed by one reader thread: decodes the chunked HTTP response, splits the stream into lines
 * and frames, and records each frame of the current run by its sequence number, with its latency.
 */
final class SseSubscriber {

    private static final byte[] TITLE = "\"title\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_ARTICLE = "event:article".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    /** What one run brought: which events arrived (by sequence number), and each one's latency in microseconds. */
    static final class Received {

        final BitSet got;
        final int[] latencies;
        volatile int count;
        int repeated;

        Received(int events) {
            this.got = new BitSet(events);
            this.latencies = new int[events];
        }
    }

    final SocketChannel channel;
    volatile int received;
    volatile boolean closed;
    long malformed;
    private final Map<String, Received> runs = new ConcurrentHashMap<>();

    private boolean inBody;
    private boolean chunked;
    private long chunkLeft = -1; // -1: a chunk-size line is next; -2: the CRLF after a chunk's data
    private byte[] line = new byte[4096];
    private int lineLength;
    private byte[] sizeLine = new byte[64];
    private int sizeLineLength;
    // The frame being read
    private boolean frameHasId;
    private boolean frameIsArticle;
    private boolean frameHasData;
    private int frameSequence = -1;

    SseSubscriber(SocketChannel channel) {
        this.channel = channel;
    }

    void start(StreamRun run) {
        runs.put(run.name, new Received(run.events));
    }

    int count(StreamRun run) {
        Received received = runs.get(run.name);
        return received == null ? 0 : received.count;
    }

    Received received(StreamRun run) {
        return runs.get(run.name);
    }

    void accept(byte[] bytes, int length, long readAt, StreamRun run) {
        int at = 0;
        while (at < length) {
            if (!inBody) {
                at = headers(bytes, at, length);
            }
            else if (!chunked) {
                body(bytes, at, length, readAt, run);
                at = length;
            }
            else if (chunkLeft == -1) {
                at = chunkSize(bytes, at, length);
            }
            else if (chunkLeft == -2) {
                if (bytes[at++] == '\n') {
                    chunkLeft = -1;
                }
            }
            else {
                // After the last chunk chunkLeft is Long.MAX_VALUE (the rest is body until the socket closes): at +
                // chunkLeft would overflow.
                int end = (int) Math.min(length, at + Math.min(chunkLeft, length));
                body(bytes, at, end, readAt, run);
                chunkLeft -= end - at;
                at = end;
                if (chunkLeft == 0) {
                    chunkLeft = -2;
                }
            }
        }
    }

    private int headers(byte[] bytes, int at, int length) {
        while (at < length) {
            byte b = bytes[at++];
            if (b != '\n') {
                appendToLine(b);
                continue;
            }
            String header = new String(line, 0, lineLength, StandardCharsets.US_ASCII).strip();
            lineLength = 0;
            if (header.startsWith("HTTP/") && !header.contains(" 200")) {
                throw new IllegalStateException("The stream answered " + header);
            }
            if (header.equalsIgnoreCase("transfer-encoding: chunked")) {
                chunked = true;
            }
            if (header.isEmpty()) {
                inBody = true;
                return at;
            }
        }
        return at;
    }

    private int chunkSize(byte[] bytes, int at, int length) {
        while (at < length) {
            byte b = bytes[at++];
            if (b != '\n') {
                sizeLine[sizeLineLength++] = b;
                continue;
            }
            long size = 0;
            for (int i = 0; i < sizeLineLength && Character.digit(sizeLine[i], 16) >= 0; i++) {
                size = size * 16 + Character.digit(sizeLine[i], 16);
            }
            sizeLineLength = 0;
            // The last chunk: the server ended the stream; its trailer is never read.
            chunkLeft = size == 0 ? Long.MAX_VALUE : size;
            return at;
        }
        return at;
    }

    private void body(byte[] bytes, int from, int to, long readAt, StreamRun run) {
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                appendToLine(bytes, start, i);
                line(readAt, run);
                lineLength = 0;
                start = i + 1;
            }
        }
        appendToLine(bytes, start, to);
    }

    private void line(long readAt, StreamRun run) {
        if (lineLength == 0) {
            frame(readAt, run);
        }
        else if (startsWith(ID)) {
            frameHasId = lineLength > ID.length;
        }
        else if (startsWith(DATA)) {
            frameHasData = true;
            frameSequence = sequence(run);
        }
        else if (line[0] != ':') {
            frameIsArticle = lineLength == EVENT_ARTICLE.length && startsWith(EVENT_ARTICLE);
        }
    }

    // A frame ends: a data frame of the current run is recorded, once, with its latency.
    private void frame(long readAt, StreamRun run) {
        if (frameHasData) {
            received++;
            if (!frameHasId || !frameIsArticle) {
                malformed++;
            }
            else if (frameSequence >= 0) {
                Received received = runs.get(run.name);
                if (received != null) {
                    synchronized (received) {
                        if (received.got.get(frameSequence)) {
                            received.repeated++;
                        }
                        else {
                            received.got.set(frameSequence);
                            received.latencies[frameSequence] = (int) ((readAt - run.sentAt.get(frameSequence)) / 1000);
                            received.count++;
                        }
                    }
                }
            }
        }
        frameHasId = false;
        frameIsArticle = false;
        frameHasData = false;
        frameSequence = -1;
    }

    // The event's sequence number if its title is "<run>-<n>", else -1.
    private int sequence(StreamRun run) {
        int title = indexOf(TITLE);
        if (title < 0) {
            return -1;
        }
        int at = title + TITLE.length;
        for (byte b : run.prefix) {
            if (at >= lineLength || line[at++] != b) {
                return -1;
            }
        }
        int sequence = 0;
        int digits = 0;
        while (at < lineLength && line[at] >= '0' && line[at] <= '9') {
            sequence = sequence * 10 + line[at++] - '0';
            digits++;
        }
        return digits > 0 && at < lineLength && line[at] == '"' && sequence < run.events ? sequence : -1;
    }

    private int indexOf(byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= lineLength; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (line[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean startsWith(byte[] prefix) {
        if (lineLength < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void appendToLine(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void appendToLine(byte[] bytes, int from, int to) {
        int length = to - from;
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, from, line, lineLength, length);
        lineLength += length;
    }
}
