package dev.newsflow.publish.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * One article event as it goes on the wire, made once per event: the SSE frame ({@code id:}, {@code event:},
 * {@code data:} lines) and the NDJSON line. Every subscriber is written a view of the same read-only memory, so
 * fanning an event out costs no encoding or copying per subscriber; only a subscriber whose id differs from the
 * usual one (a resumed stream still catching up) gets its own {@code id:} line in front of the shared rest.
 */
public final class EventFrames {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private final String id;
    private final ByteBuf sseWithId;
    private final ByteBuf sseWithoutId;
    private final ByteBuf ndjson;

    /**
     * @param event the SSE event type
     * @param json the article's JSON
     * @param id the id most subscribers have after this event (the instance's newest position), or {@code null} for
     *     an event rendered for one replaying subscriber
     */
    EventFrames(String event, String json, String id) {
        String rest = "event:" + event + "\ndata:" + json.replace("\n", "\ndata:") + "\n\n";
        boolean live = id != null;
        this.id = id;
        this.sseWithoutId = memory(rest, live);
        this.sseWithId = live ? memory(idLine(id) + rest, true) : null;
        this.ndjson = memory(json + "\n", live);
    }

    /** The id most subscribers have after this event, or {@code null} if none was given. */
    String sharedId() {
        return id;
    }

    /** The SSE frame for a subscriber whose position after this event is {@code subscriberId}. */
    DataBuffer sse(String subscriberId) {
        if (sseWithId != null && id.equals(subscriberId)) {
            return BUFFERS.wrap(sseWithId.duplicate());
        }
        ByteBuf ownId = Unpooled.wrappedBuffer(idLine(subscriberId).getBytes(StandardCharsets.UTF_8));
        return BUFFERS.wrap(Unpooled.wrappedBuffer(ownId, sseWithoutId.duplicate()));
    }

    DataBuffer ndjson() {
        return BUFFERS.wrap(ndjson.duplicate());
    }

    /**
     * Frames to be written together, as one buffer: a composite of {@link #sse}/{@link #ndjson} frames and any other
     * buffers (such as the overflow notice that ends a subscription, copied in), or the one buffer given.
     */
    public static DataBuffer join(List<DataBuffer> frames) {
        if (frames.size() == 1) {
            return frames.get(0);
        }
        return BUFFERS.join(frames.stream().map(frame -> frame instanceof NettyDataBuffer ? frame : copied(frame)).toList());
    }

    /**
     * Live events' frames (with the shared id) copied once into one piece of memory each for SSE and NDJSON: what a
     * live subscriber that takes the whole batch is written, one buffer instead of a composite of one per event.
     */
    static Joined joinLive(List<EventFrames> live) {
        return new Joined(concatenated(live.stream().map(frames -> frames.sseWithId).toList()),
                concatenated(live.stream().map(frames -> frames.ndjson).toList()));
    }

    /** A batch of live events' frames, each kind in one read-only buffer shared by all subscribers. */
    public static final class Joined {

        private final ByteBuf sse;
        private final ByteBuf ndjson;

        private Joined(ByteBuf sse, ByteBuf ndjson) {
            this.sse = sse;
            this.ndjson = ndjson;
        }

        public DataBuffer sse() {
            return BUFFERS.wrap(sse.duplicate());
        }

        public DataBuffer ndjson() {
            return BUFFERS.wrap(ndjson.duplicate());
        }
    }

    private static ByteBuf concatenated(List<ByteBuf> parts) {
        ByteBuffer memory = ByteBuffer.allocateDirect(parts.stream().mapToInt(ByteBuf::readableBytes).sum());
        parts.forEach(part -> memory.put(part.nioBuffer()));
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory.flip().asReadOnlyBuffer()));
    }

    private static DataBuffer copied(DataBuffer frame) {
        byte[] bytes = new byte[frame.readableByteCount()];
        frame.read(bytes);
        return BUFFERS.wrap(bytes);
    }

    private static String idLine(String id) {
        return "id:" + id + "\n";
    }

    // A live event's frames are off-heap, so that Netty writes them to each socket as they are. They are released by
    // the GC, never by a write, because all subscribers' writes share them. A replayed event's frames go to one
    // subscriber, copied once by the write: on the heap, since a direct buffer per event of a long replay costs an
    // allocation (zeroed, with a cleaner) whose memory comes back only with a GC.
    private static ByteBuf memory(String text, boolean direct) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer memory = direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip() : ByteBuffer.wrap(bytes);
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory.asReadOnlyBuffer()));
    }
}
