package dev.newsflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class NdjsonLinesTest {

    private final DefaultDataBufferFactory buffers = new DefaultDataBufferFactory();

    @Test
    void linesCutAcrossBuffersAreJoinedAndCrlfIsOneLineEnd() {
        byte[] whole = bytes("{\"a\":1}\r\n{\"b\":\"caf\u00e9\"}\n\n   \n{\"c\":3}");
        int e = indexOf(whole, (byte) 0xC3);
        // Cut inside "\r\n", between the two bytes of "\u00e9", and inside the last line.
        Flux<DataBuffer> body = Flux.just(slice(whole, 0, 8), slice(whole, 8, e + 1), slice(whole, e + 1, whole.length - 2),
                slice(whole, whole.length - 2, whole.length));

        StepVerifier.create(NdjsonLines.split(body, 1024).map(line -> new String(line, StandardCharsets.UTF_8)))
                .expectNext("{\"a\":1}", "{\"b\":\"caf\u00e9\"}", "", "   ", "{\"c\":3}")
                .verifyComplete();
    }

    @Test
    void aLongLineArrivingInManySmallBuffersIsReadWholeAndTheCarryStartsAfreshAfterIt() {
        String longLine = "{\"body\":\"" + "paragraph ".repeat(100_000) + "\"}";
        byte[] whole = bytes(longLine + "\nshort\n" + longLine);
        List<DataBuffer> pieces = new ArrayList<>();
        for (int from = 0; from < whole.length; from += 1000) {
            pieces.add(slice(whole, from, Math.min(from + 1000, whole.length)));
        }

        StepVerifier.create(NdjsonLines.split(Flux.fromIterable(pieces), 2 << 20).map(String::new))
                .expectNext(longLine, "short", longLine)
                .verifyComplete();
    }

    @Test
    void aBodyEndingInANewlineHasNoEmptyLastLine() {
        StepVerifier.create(NdjsonLines.split(Flux.just(buffer("one\ntwo\n")), 1024).map(String::new))
                .expectNext("one", "two")
                .verifyComplete();
    }

    @Test
    void aLineOverTheLimitFailsOnceItGrowsPastItEvenWithoutANewline() {
        List<String> read = new ArrayList<>();
        Flux<DataBuffer> body = Flux.just(buffer("short\n0123456789"), buffer("0123456789"), buffer("never read\n"));

        StepVerifier.create(NdjsonLines.split(body, 16).map(String::new).doOnNext(read::add))
                .expectNext("short")
                .verifyError(DataBufferLimitException.class);
        assertThat(read).containsExactly("short");
    }

    @Test
    void everyBufferIsReleasedOnceRead() {
        NettyDataBufferFactory netty = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        List<NettyDataBuffer> sent = new ArrayList<>();
        Flux<DataBuffer> body = Flux.just("a\nb", "c\n", "d")
                .map(text -> netty.wrap(Unpooled.wrappedBuffer(bytes(text))))
                .doOnNext(sent::add)
                .cast(DataBuffer.class);

        StepVerifier.create(NdjsonLines.split(body, 1024).map(String::new))
                .expectNext("a", "bc", "d")
                .verifyComplete();
        assertThat(sent).hasSize(3).allSatisfy(buffer -> assertThat(buffer.getNativeBuffer().refCnt()).isZero());
    }

    @Test
    void onlySpacesTabsAndCarriageReturnsAreBlank() {
        assertThat(NdjsonLines.isBlank(bytes(" \t\r"))).isTrue();
        assertThat(NdjsonLines.isBlank(new byte[0])).isTrue();
        assertThat(NdjsonLines.isBlank(bytes(" {}"))).isFalse();
    }

    private DataBuffer buffer(String text) {
        return buffers.wrap(bytes(text));
    }

    private DataBuffer slice(byte[] bytes, int from, int to) {
        return buffers.wrap(Arrays.copyOfRange(bytes, from, to));
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
