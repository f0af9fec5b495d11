package dev.newsflow.ingest.api;

import java.io.ByteArrayOutputStream;
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
 * The carried part grows by appending (amortised linear): copying it whole at every buffer made a 16 MB line cost
 * gigabytes of copying and seconds of CPU.
 * Lines end at {@code \n}, with an optional {@code \r} before it; the last line needs no newline. A line longer than
 * the limit fails the stream with {@link DataBufferLimitException}, as Spring's own decoders do.
 *
 * <p>Spring's string decoder did this before, but it turned every line into a {@code String} that the parser then
 * turned back into bytes, and finding the delimiters was an eighth of a batch's CPU.
 */
final class NdjsonLines {

    private final int maxLineBytes;
    private ByteArrayOutputStream carry = new ByteArrayOutputStream();

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
        carried(bytes, start, bytes.length);
        return lines;
    }

    /** The unterminated last line, if the body did not end with a newline. */
    private byte[] last() {
        return carry.size() == 0 ? null : withoutCarriageReturn(carry.toByteArray());
    }

    private byte[] line(byte[] bytes, int start, int end) {
        if (carry.size() == 0) {
            checkLength(end - start);
            return withoutCarriageReturn(Arrays.copyOfRange(bytes, start, end));
        }
        carried(bytes, start, end);
        byte[] whole = carry.toByteArray();
        carry = new ByteArrayOutputStream(); // not reset(): a long line's capacity is not kept for the rest of the batch
        return withoutCarriageReturn(whole);
    }

    private void carried(byte[] bytes, int start, int end) {
        checkLength((long) carry.size() + (end - start));
        carry.write(bytes, start, end - start);
    }

    private void checkLength(long length) {
        if (length > maxLineBytes) {
            throw new DataBufferLimitException("A line is over " + maxLineBytes + " bytes");
        }
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}
