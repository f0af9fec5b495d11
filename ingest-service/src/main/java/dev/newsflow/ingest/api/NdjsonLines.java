package dev.newsflow.ingest.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Splits a streamed NDJSON body into its lines, as UTF-8 bytes for the JSON parser, as the buffers arrive: a line
 * cut across buffers is carried over, each buffer is released once copied, and no more than one line is held.
 * Lines end at {@code \n}, with an optional {@code \r} before it; the last line needs no newline. A line longer than
 * the limit fails the stream with {@link DataBufferLimitException}, as Spring's own decoders do.
 *
 * <p>Spring's string decoder did this before, but it turned every line into a {@code String} that the parser then
 * turned back into bytes, and finding the delimiters was an eighth of a batch's CPU.
 */
final class NdjsonLines {

    private final int maxLineBytes;
    private byte[] carry = new byte[0];

    private NdjsonLines(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The lines of {@code body}, blank ones included (so that lines can be numbered as the sender counts them). */
    static Flux<byte[]> split(Flux<DataBuffer> body, int maxLineBytes) {
        return Flux.defer(() -> {
            NdjsonLines lines = new NdjsonLines(maxLineBytes);
            return body.concatMapIterable(lines::next)
                    .concatWith(Mono.fromSupplier(lines::last))
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
    }

    /** Whether a line holds nothing but spaces, tabs and carriage returns. */
    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private List<byte[]> next(DataBuffer buffer) {
        byte[] bytes;
        try {
            bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
        }
        finally {
            DataBufferUtils.release(buffer);
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(line(bytes, start, i));
                start = i + 1;
            }
        }
        carry = joined(carry, bytes, start, bytes.length);
        return lines;
    }

    /** The unterminated last line, if the body did not end with a newline. */
    private byte[] last() {
        return carry.length == 0 ? null : withoutCarriageReturn(carry);
    }

    private byte[] line(byte[] bytes, int start, int end) {
        byte[] whole = joined(carry, bytes, start, end);
        carry = new byte[0];
        return withoutCarriageReturn(whole);
    }

    private byte[] joined(byte[] head, byte[] bytes, int start, int end) {
        long length = (long) head.length + (end - start);
        if (length > maxLineBytes) {
            throw new DataBufferLimitException("A line is over " + maxLineBytes + " bytes");
        }
        if (head.length == 0) {
            return Arrays.copyOfRange(bytes, start, end);
        }
        byte[] whole = Arrays.copyOf(head, (int) length);
        System.arraycopy(bytes, start, whole, head.length, end - start);
        return whole;
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}
