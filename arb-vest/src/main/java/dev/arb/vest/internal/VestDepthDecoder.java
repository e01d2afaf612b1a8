package dev.arb.vest.internal;

import static dev.arb.vest.internal.VestJsonCursor.malformed;

import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;

/**
 * Allocation-free decoder of Vest WebSocket frames straight from their ASCII bytes.
 *
 * <p>{@link #scan} walks the top-level object once and records where {@code channel}, {@code data}
 * and {@code tsMs} are (any key order; unknown keys such as a locally added {@code rx} are skipped).
 * For a {@code {symbol}@depth} frame, {@link #applyDepth} parses {@code data.bids}/{@code data.asks}
 * ({@code [["price","size"], ...]} string pairs) into scratch arrays and only then writes the book
 * as a full snapshot ({@code clear} + {@code updateBid}/{@code updateAsk}), so a malformed frame
 * leaves the book untouched. Unsorted levels are fine (the book sorts); a crossed result invalidates
 * the book. Source: Vest API docs "Public channels / {symbol}@depth" (protocol reference §5: full
 * snapshot per message, no sequence number).
 *
 * <p>The work is split by job: {@link VestJsonCursor} is the byte-level grammar (whitespace, strings, skipped
 * values, fixed-point decimals), {@link VestDepthLevels} parses the level arrays and writes the book, and this
 * class walks the frame and its {@code data} object.
 *
 * <p>Nothing is allocated per frame once the scratch arrays have grown to the venue's depth; only a
 * malformed frame allocates (its exception).
 *
 * <p><b>Note:</b> not thread-safe: one instance per event-loop thread.
 */
public final class VestDepthDecoder {
    /** {@link #scan}: a frame without {@code channel} (PONG, SUBSCRIBE answer): handle off the hot path. */
    public static final int FRAME_CONTROL = 0;
    /** {@link #scan}: a channel message. */
    public static final int FRAME_CHANNEL = 1;
    /** {@link #applyDepth}: snapshot applied, book valid. */
    public static final int APPLIED = 2;
    /** {@link #applyDepth}: snapshot applied but crossed (best bid ≥ best ask): book invalidated. */
    public static final int CROSSED = 3;
    /**
     * {@link #applyDepth} result: levels not strictly sorted (bids descending, asks ascending, no
     * repeated price) while {@link #rejectUnsorted(boolean)} is on; the book was cleared and invalidated.
     */
    public static final int UNSORTED = 4;
    private static final byte[] KEY_CHANNEL = ascii("channel");
    private static final byte[] KEY_DATA = ascii("data");
    private static final byte[] KEY_TS = ascii("tsMs");
    private static final byte[] KEY_BIDS = ascii("bids");
    private static final byte[] KEY_ASKS = ascii("asks");
    private static final byte[] DEPTH_SUFFIX = ascii("@depth");

    private final VestJsonCursor json = new VestJsonCursor();
    private final VestDepthLevels levels = new VestDepthLevels();

    private int channelOffset;
    private int channelLength;
    private int dataOffset;
    private int dataEnd;
    private long venueTimestampMs;

    private boolean rejectUnsorted = true;

    /**
     * @param reject {@code true} (default): a snapshot whose levels are not strictly sorted is rejected
     *               ({@link #UNSORTED}); {@code false}: it is sorted into the book. Vest does not
     *               document the order (open question §9.10).
     */
    public void rejectUnsorted(final boolean reject) {
        rejectUnsorted = reject;
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Scans a frame's top-level object.
     *
     * @param frame  buffer holding the UTF-8 JSON text (kept by reference until the next scan)
     * @param offset index of the first byte
     * @param length number of bytes
     * @return {@link #FRAME_CHANNEL} or {@link #FRAME_CONTROL}
     * @throws MalformedMessageException if the frame is not a JSON object
     */
    public int scan(final byte[] frame, final int offset, final int length) {
        final VestJsonCursor json = this.json;
        json.wrap(frame, offset, length);
        channelOffset = -1;
        channelLength = 0;
        dataOffset = -1;
        dataEnd = -1;
        venueTimestampMs = 0;
        final int end = json.end();
        int p = json.skipWs(offset);
        p = json.expect(p, '{');
        p = json.skipWs(p);
        if (p < end && json.byteAt(p) == '}') {
            return FRAME_CONTROL;
        }
        while (true) {
            p = json.expect(p, '"');
            final int keyStart = p;
            p = json.skipStringBody(p);
            final int keyEnd = p - 1;
            p = json.expect(json.skipWs(p), ':');
            p = json.skipWs(p);
            final int valueStart = p;
            p = json.skipValue(p);
            if (json.regionEquals(keyStart, keyEnd, KEY_CHANNEL)) {
                if (json.byteAt(valueStart) != '"') {
                    throw malformed("channel is not a string");
                }
                channelOffset = valueStart + 1;
                channelLength = p - 1 - channelOffset;
            } else if (json.regionEquals(keyStart, keyEnd, KEY_DATA)) {
                dataOffset = valueStart;
                dataEnd = p;
            } else if (json.regionEquals(keyStart, keyEnd, KEY_TS)) {
                venueTimestampMs = json.parseLong(valueStart, p);
            }
            p = json.skipWs(p);
            if (p >= end) {
                throw malformed("unterminated object");
            }
            final byte c = json.byteAt(p);
            if (c == ',') {
                p = json.skipWs(p + 1);
                continue;
            }
            if (c == '}') {
                break;
            }
            throw malformed("expected , or }");
        }
        return channelOffset >= 0 ? FRAME_CHANNEL : FRAME_CONTROL;
    }

    /** @return {@code true} if the last scanned frame's channel ends with {@code @depth} */
    public boolean isDepthChannel() {
        if (channelLength < DEPTH_SUFFIX.length) {
            return false;
        }
        final int channelEnd = channelOffset + channelLength;
        return json.regionEquals(channelEnd - DEPTH_SUFFIX.length, channelEnd, DEPTH_SUFFIX);
    }

    /**
     * @param channel ASCII bytes of a channel name, e.g. {@code BTC-PERP@depth}
     * @return {@code true} if the last scanned frame's channel equals it
     */
    public boolean channelEquals(final byte[] channel) {
        return channelOffset >= 0 && json.regionEquals(channelOffset, channelOffset + channelLength, channel);
    }

    /** @return {@code tsMs} of the last scanned frame, ms since the epoch, 0 if absent */
    public long venueTimestampMs() {
        return venueTimestampMs;
    }

    /**
     * Applies the last scanned frame's {@code data} as a full snapshot.
     *
     * @param book          the channel's book (prices at its price scale, sizes at its size scale)
     * @param receivedNanos {@link System#nanoTime()} at which the frame was received
     * @return {@link #APPLIED}, {@link #CROSSED} or {@link #UNSORTED}
     * @throws MalformedMessageException if {@code data} is not {@code {"bids":[...],"asks":[...]}} of
     *     positive decimal pairs at the book's scales; the book is then unchanged
     */
    public int applyDepth(final OrderBook book, final long receivedNanos) {
        final VestJsonCursor json = this.json;
        final int dataEnd = this.dataEnd;
        if (dataOffset < 0 || json.byteAt(dataOffset) != '{') {
            throw malformed("depth data is not an object");
        }
        levels.reset();
        int p = json.skipWs(dataOffset + 1);
        if (p < dataEnd && json.byteAt(p) == '}') {
            throw malformed("depth data has no bids/asks");
        }
        while (true) {
            p = json.expect(p, '"');
            final int keyStart = p;
            p = json.skipStringBody(p);
            final int keyEnd = p - 1;
            p = json.skipWs(json.expect(json.skipWs(p), ':'));
            if (json.regionEquals(keyStart, keyEnd, KEY_BIDS)) {
                p = levels.parse(json, p, dataEnd, book, true);
            } else if (json.regionEquals(keyStart, keyEnd, KEY_ASKS)) {
                p = levels.parse(json, p, dataEnd, book, false);
            } else {
                p = json.skipValue(p);
            }
            p = json.skipWs(p);
            if (p >= dataEnd) {
                throw malformed("unterminated data");
            }
            final byte c = json.byteAt(p);
            if (c == ',') {
                p = json.skipWs(p + 1);
                continue;
            }
            if (c == '}') {
                break;
            }
            throw malformed("expected , or } in data");
        }
        if (!levels.complete()) {
            throw malformed("depth data lacks bids or asks");
        }
        return levels.writeTo(book, rejectUnsorted, venueTimestampMs, receivedNanos);
    }

    /**
     * Convenience for tests and benchmarks: {@link #scan} then, for a depth channel, {@link #applyDepth}.
     *
     * @param frame         JSON bytes
     * @param offset        first byte
     * @param length        byte count
     * @param book          the book to write
     * @param receivedNanos receive time, {@link System#nanoTime()}
     * @return {@link #APPLIED}, {@link #CROSSED}, {@link #UNSORTED}, or {@link #FRAME_CONTROL}/{@link #FRAME_CHANNEL}
     *     when the frame is not a depth message
     * @throws MalformedMessageException on malformed input
     */
    public int decode(final byte[] frame, final int offset, final int length, final OrderBook book,
        final long receivedNanos) {
        final int kind = scan(frame, offset, length);
        if (kind != FRAME_CHANNEL || !isDepthChannel()) {
            return kind;
        }
        return applyDepth(book, receivedNanos);
    }
}
