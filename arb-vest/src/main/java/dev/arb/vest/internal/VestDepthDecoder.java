package dev.arb.vest.internal;

import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import java.util.Arrays;

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
    private static final String VENUE = "vest";
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private byte[] bytes;
    private int end;
    private int channelOffset;
    private int channelLength;
    private int dataOffset;
    private int dataEnd;
    private long venueTimestampMs;

    private long[] scratchBidPrices = new long[64];
    private long[] scratchBidSizes = new long[64];
    private long[] scratchAskPrices = new long[64];
    private long[] scratchAskSizes = new long[64];
    private int scratchBids;
    private int scratchAsks;

    private boolean rejectUnsorted = true;

    /**
     * @param reject {@code true} (default): a snapshot whose levels are not strictly sorted is rejected
     *               ({@link #UNSORTED}); {@code false}: it is sorted into the book. Vest does not
     *               document the order (open question §9.10).
     */
    public void rejectUnsorted(final boolean reject) {
        rejectUnsorted = reject;
    }

    private static boolean strictlySorted(final long[] prices, final int n, final boolean descending) {
        for (int i = 1; i < n; i++) {
            if (descending ? prices[i] >= prices[i - 1] : prices[i] <= prices[i - 1]) {
                return false;
            }
        }
        return true;
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
        bytes = frame;
        end = offset + length;
        channelOffset = -1;
        channelLength = 0;
        dataOffset = -1;
        dataEnd = -1;
        venueTimestampMs = 0;
        int p = skipWs(offset);
        p = expect(p, '{');
        p = skipWs(p);
        if (p < end && bytes[p] == '}') {
            return FRAME_CONTROL;
        }
        while (true) {
            p = expect(p, '"');
            final int keyStart = p;
            p = skipStringBody(p);
            final int keyEnd = p - 1;
            p = expect(skipWs(p), ':');
            p = skipWs(p);
            final int valueStart = p;
            p = skipValue(p);
            if (keyIs(keyStart, keyEnd, KEY_CHANNEL)) {
                if (bytes[valueStart] != '"') {
                    throw malformed("channel is not a string");
                }
                channelOffset = valueStart + 1;
                channelLength = p - 1 - channelOffset;
            } else if (keyIs(keyStart, keyEnd, KEY_DATA)) {
                dataOffset = valueStart;
                dataEnd = p;
            } else if (keyIs(keyStart, keyEnd, KEY_TS)) {
                venueTimestampMs = parseLong(valueStart, p);
            }
            p = skipWs(p);
            if (p >= end) {
                throw malformed("unterminated object");
            }
            if (bytes[p] == ',') {
                p = skipWs(p + 1);
                continue;
            }
            if (bytes[p] == '}') {
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
        return Arrays.equals(bytes, channelOffset + channelLength - DEPTH_SUFFIX.length, channelOffset + channelLength,
            DEPTH_SUFFIX, 0, DEPTH_SUFFIX.length);
    }

    /**
     * @param channel ASCII bytes of a channel name, e.g. {@code BTC-PERP@depth}
     * @return {@code true} if the last scanned frame's channel equals it
     */
    public boolean channelEquals(final byte[] channel) {
        return channelOffset >= 0 && Arrays.equals(bytes, channelOffset, channelOffset + channelLength, channel, 0,
            channel.length);
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
        if (dataOffset < 0 || bytes[dataOffset] != '{') {
            throw malformed("depth data is not an object");
        }
        scratchBids = -1;
        scratchAsks = -1;
        int p = skipWs(dataOffset + 1);
        if (p < dataEnd && bytes[p] == '}') {
            throw malformed("depth data has no bids/asks");
        }
        while (true) {
            p = expect(p, '"');
            final int keyStart = p;
            p = skipStringBody(p);
            final int keyEnd = p - 1;
            p = skipWs(expect(skipWs(p), ':'));
            if (keyIs(keyStart, keyEnd, KEY_BIDS)) {
                p = parseLevels(p, book, true);
            } else if (keyIs(keyStart, keyEnd, KEY_ASKS)) {
                p = parseLevels(p, book, false);
            } else {
                p = skipValue(p);
            }
            p = skipWs(p);
            if (p >= dataEnd) {
                throw malformed("unterminated data");
            }
            if (bytes[p] == ',') {
                p = skipWs(p + 1);
                continue;
            }
            if (bytes[p] == '}') {
                break;
            }
            throw malformed("expected , or } in data");
        }
        if (scratchBids < 0 || scratchAsks < 0) {
            throw malformed("depth data lacks bids or asks");
        }
        book.clear();
        if (rejectUnsorted && (!strictlySorted(scratchBidPrices, scratchBids, true)
            || !strictlySorted(scratchAskPrices, scratchAsks, false))) {
            book.stamp(0, venueTimestampMs, receivedNanos);
            book.invalidate();
            return UNSORTED;
        }
        for (int i = 0; i < scratchBids; i++) {
            book.updateBid(scratchBidPrices[i], scratchBidSizes[i]);
        }
        for (int i = 0; i < scratchAsks; i++) {
            book.updateAsk(scratchAskPrices[i], scratchAskSizes[i]);
        }
        book.stamp(0, venueTimestampMs, receivedNanos);
        if (book.isCrossed()) {
            book.invalidate();
            return CROSSED;
        }
        book.markValid();
        return APPLIED;
    }

    /**
     * Convenience for tests and benchmarks: {@link #scan} then, for a depth channel, {@link #applyDepth}.
     *
     * @param frame         JSON bytes
     * @param offset        first byte
     * @param length        byte count
     * @param book          the book to write
     * @param receivedNanos receive time, {@link System#nanoTime()}
     * @return {@link #APPLIED}, {@link #CROSSED}, or {@link #FRAME_CONTROL}/{@link #FRAME_CHANNEL} when
     *     the frame is not a depth message
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

    private int parseLevels(final int start, final OrderBook book, final boolean bid) {
        int p = expect(start, '[');
        int count = 0;
        p = skipWs(p);
        if (p < dataEnd && bytes[p] == ']') {
            setCount(bid, 0);
            return p + 1;
        }
        while (true) {
            p = skipWs(expect(p, '['));
            final int priceStart = tokenStart(p);
            p = tokenEnd(p);
            final long price = parseDecimal(priceStart, tokenLength(priceStart, p), book.priceScale());
            p = skipWs(expect(skipWs(p), ','));
            final int sizeStart = tokenStart(p);
            p = tokenEnd(p);
            final long size = parseDecimal(sizeStart, tokenLength(sizeStart, p), book.sizeScale());
            p = expect(skipWs(p), ']');
            if (price <= 0 || size < 0) {
                throw malformed("non-positive price or negative size");
            }
            ensureCapacity(count + 1);
            if (bid) {
                scratchBidPrices[count] = price;
                scratchBidSizes[count] = size;
            } else {
                scratchAskPrices[count] = price;
                scratchAskSizes[count] = size;
            }
            count++;
            p = skipWs(p);
            if (p >= dataEnd) {
                throw malformed("unterminated levels");
            }
            if (bytes[p] == ',') {
                p = skipWs(p + 1);
                continue;
            }
            if (bytes[p] == ']') {
                setCount(bid, count);
                return p + 1;
            }
            throw malformed("expected , or ] in levels");
        }
    }

    private void setCount(final boolean bid, final int count) {
        if (bid) {
            scratchBids = count;
        } else {
            scratchAsks = count;
        }
    }

    private void ensureCapacity(final int n) {
        if (n > scratchBidPrices.length) {
            final int cap = Math.max(n, scratchBidPrices.length * 2);
            scratchBidPrices = Arrays.copyOf(scratchBidPrices, cap);
            scratchBidSizes = Arrays.copyOf(scratchBidSizes, cap);
            scratchAskPrices = Arrays.copyOf(scratchAskPrices, cap);
            scratchAskSizes = Arrays.copyOf(scratchAskSizes, cap);
        }
    }

    /** A level value is a quoted decimal or a bare number; returns where its digits start. */
    private int tokenStart(final int p) {
        if (p >= end) {
            throw malformed("truncated level");
        }
        return bytes[p] == '"' ? p + 1 : p;
    }

    /** Returns the index just after the token starting at {@code p} (after the closing quote if quoted). */
    private int tokenEnd(final int p) {
        if (bytes[p] == '"') {
            int i = p + 1;
            while (i < end && bytes[i] != '"') {
                i++;
            }
            if (i >= end) {
                throw malformed("unterminated string");
            }
            return i + 1;
        }
        int i = p;
        while (i < end && bytes[i] != ',' && bytes[i] != ']' && bytes[i] > ' ') {
            i++;
        }
        return i;
    }

    /** Length of the token whose digits start at {@code start} and that ends just before {@code after}. */
    private int tokenLength(final int start, final int after) {
        return bytes[start - 1] == '"' ? after - 1 - start : after - start;
    }

    /**
     * Parses an unsigned ASCII decimal at {@code scale} (exactly like {@link dev.arb.api.FixedPoint#parse(byte[],
     * int, int, int)} for non-negative input, extra trailing zeros allowed), without a division per digit:
     * up to 18 significant digits cannot overflow, so only longer numbers pay for an overflow check.
     */
    long parseDecimal(final int offset, final int length, final int scale) {
        if (length <= 0) {
            throw malformed("empty decimal");
        }
        final int end = offset + length;
        long value = 0;
        int significant = 0;
        int fraction = -1;
        boolean anyDigit = false;
        for (int i = offset; i < end; i++) {
            final int c = bytes[i];
            if (c == '.') {
                if (fraction >= 0) {
                    throw malformed("two decimal points");
                }
                fraction = 0;
                continue;
            }
            final int digit = c - '0';
            if (digit < 0 || digit > 9) {
                throw malformed("not a decimal digit");
            }
            anyDigit = true;
            if (fraction >= 0) {
                if (fraction == scale) {
                    if (digit != 0) {
                        throw malformed("more than " + scale + " decimals");
                    }
                    continue;
                }
                fraction++;
            }
            if (value == 0 && digit == 0) {
                continue;
            }
            if (++significant > 18 && value > (Long.MAX_VALUE - digit) / 10) {
                throw malformed("decimal overflows");
            }
            value = value * 10 + digit;
        }
        if (!anyDigit) {
            throw malformed("no digits");
        }
        final int missing = scale - Math.max(fraction, 0);
        final long factor = POW10[missing];
        if (significant + missing > 18 && value > Long.MAX_VALUE / factor) {
            throw malformed("decimal overflows");
        }
        return value * factor;
    }

    private long parseLong(final int from, final int to) {
        if (from >= to) {
            throw malformed("empty number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            final byte c = bytes[i];
            if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
                throw malformed("bad tsMs");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private boolean keyIs(final int from, final int to, final byte[] key) {
        return Arrays.equals(bytes, from, to, key, 0, key.length);
    }

    private int skipWs(int p) {
        while (p < end) {
            final byte c = bytes[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    private int expect(final int p, final char c) {
        if (p >= end || bytes[p] != c) {
            throw malformed("expected '" + c + "'");
        }
        return p + 1;
    }

    /** {@code p} is just after an opening quote; returns the index after the closing quote. */
    private int skipStringBody(int p) {
        while (p < end) {
            final byte c = bytes[p];
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '"') {
                return p + 1;
            }
            p++;
        }
        throw malformed("unterminated string");
    }

    private int skipValue(int p) {
        if (p >= end) {
            throw malformed("missing value");
        }
        final byte c = bytes[p];
        if (c == '"') {
            return skipStringBody(p + 1);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (p < end) {
                final byte b = bytes[p];
                if (b == '"') {
                    p = skipStringBody(p + 1);
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        return p + 1;
                    }
                }
                p++;
            }
            throw malformed("unterminated container");
        }
        final int start = p;
        while (p < end && bytes[p] != ',' && bytes[p] != '}' && bytes[p] != ']' && bytes[p] > ' ') {
            p++;
        }
        if (p == start) {
            throw malformed("empty value");
        }
        return p;
    }

    private static MalformedMessageException malformed(final String what) {
        return new MalformedMessageException(VENUE, null, "malformed Vest frame: " + what);
    }
}
