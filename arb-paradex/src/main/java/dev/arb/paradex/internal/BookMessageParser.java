package dev.arb.paradex.internal;

import dev.arb.api.FixedPoint;
import dev.arb.api.FixedPointFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Specialised scanner of Paradex JSON-RPC frames for the order-book channel: recognises a
 * {@code "method":"subscription"} push and reads {@code params.data} ({@code seq_no},
 * {@code market}, {@code last_updated_at}, {@code update_type} {@code "s"}/{@code "d"} and the
 * {@code inserts}/{@code updates}/{@code deletes} arrays of {@code {side, price, size}}) straight from
 * the frame's bytes into preallocated arrays; prices and sizes at scale 8 (Paradex chain decimals).
 * A {@code markets_summary} push yields its {@code symbol} and {@code funding_rate} ({@link #SUMMARY}).
 * Anything else (acks, errors) is reported {@link #NOT_BOOK} for a general JSON parser to handle.
 *
 * <p>Source: protocol reference §2.1 (push envelope), §2.5 ({@code ResponsesPriceBookUpdate}
 * fields). Keys may come in any order; unknown keys are skipped. Allocates nothing once the level
 * arrays have grown to the largest message seen.
 *
 * <p><b>Note:</b> not thread-safe; one instance per event-loop thread.
 */
public final class BookMessageParser {
    /** Result: a book message was parsed; read it through the accessors. */
    public static final int BOOK = 1;
    /** Result: a well-formed frame that is not a book push (ack, error, other channel). */
    public static final int NOT_BOOK = 0;
    /**
     * Result: a {@code markets_summary} push; read {@link #marketEquals} (its {@code symbol}) and
     * {@link #fundingRate()}.
     */
    public static final int SUMMARY = 2;
    /** Result: the frame is malformed; see {@link #error()}. */
    public static final int MALFORMED = -1;

    /** Level operation: insert (snapshot levels and delta inserts). */
    public static final byte OP_INSERT = 0;
    /** Level operation: update of an existing level's size. */
    public static final byte OP_UPDATE = 1;
    /** Level operation: delete of a level. */
    public static final byte OP_DELETE = 2;

    /** Decimal places of parsed prices and sizes. */
    public static final int SCALE = 8;

    private static final byte[] K_METHOD = ascii("method");
    private static final byte[] K_PARAMS = ascii("params");
    private static final byte[] K_CHANNEL = ascii("channel");
    private static final byte[] K_DATA = ascii("data");
    private static final byte[] K_SEQ_NO = ascii("seq_no");
    private static final byte[] K_MARKET = ascii("market");
    private static final byte[] K_LAST_UPDATED_AT = ascii("last_updated_at");
    private static final byte[] K_UPDATE_TYPE = ascii("update_type");
    private static final byte[] K_INSERTS = ascii("inserts");
    private static final byte[] K_UPDATES = ascii("updates");
    private static final byte[] K_DELETES = ascii("deletes");
    private static final byte[] K_SIDE = ascii("side");
    private static final byte[] K_PRICE = ascii("price");
    private static final byte[] K_SIZE = ascii("size");
    private static final byte[] V_SUBSCRIPTION = ascii("subscription");
    private static final byte[] V_BUY = ascii("BUY");
    private static final byte[] V_SELL = ascii("SELL");
    private static final byte[] V_ORDER_BOOK = ascii("order_book.");
    private static final byte[] V_MARKETS_SUMMARY = ascii("markets_summary");
    private static final byte[] K_SYMBOL = ascii("symbol");
    private static final byte[] K_FUNDING_RATE = ascii("funding_rate");
    /** Significant digits kept when reading a rate; further digits only move the decimal exponent. */
    private static final int RATE_DIGITS = 18;
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Thrown internally to unwind; preallocated, no stack trace. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED_SIGNAL = new Malformed();
    /**
     * Deepest nesting of skipped values: the skipper recurses, so a frame of 100,000 {@code [} overflowed the
     * event loop's stack (found by fuzzing, RELIABILITY.md); Paradex frames nest 4 deep.
     */
    private static final int MAX_DEPTH = 64;

    private byte[] buf;
    private int pos;
    /** Current nesting depth of {@link #skipComposite}. */
    private int depth;
    private int end;
    private int strStart;
    private int strEnd;
    private String error;

    private boolean subscription;
    private boolean hasData;
    private int channelStart;
    private int channelEnd;
    private int marketStart;
    private int marketEnd;
    private long seqNo;
    private boolean summary;
    private double fundingRate;
    private boolean seqSeen;
    private long lastUpdatedAtMs;
    private boolean snapshot;
    private boolean typeSeen;
    private int levels;
    private byte[] ops = new byte[64];
    private boolean[] buys = new boolean[64];
    private long[] prices = new long[64];
    private long[] sizes = new long[64];

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses one frame.
     *
     * @param bytes  buffer holding the frame
     * @param offset first byte of the frame
     * @param length frame length in bytes
     * @return {@link #BOOK}, {@link #NOT_BOOK} or {@link #MALFORMED}
     */
    public int parse(final byte[] bytes, final int offset, final int length) {
        buf = bytes;
        pos = offset;
        end = offset + length;
        depth = 0;
        error = null;
        subscription = false;
        hasData = false;
        channelStart = channelEnd = -1;
        marketStart = marketEnd = -1;
        seqSeen = false;
        summary = false;
        fundingRate = Double.NaN;
        typeSeen = false;
        seqNo = 0;
        lastUpdatedAtMs = 0;
        levels = 0;
        try {
            parseTop();
            skipWs();
            if (pos != end) {
                return fail("trailing bytes after the JSON object");
            }
        } catch (final Malformed m) {
            return MALFORMED;
        } catch (final FixedPointFormatException | ArrayIndexOutOfBoundsException e) {
            error = "bad decimal or truncated frame";
            return MALFORMED;
        }
        if (!subscription || !hasData) {
            return NOT_BOOK;
        }
        if (summary) {
            return marketStart < 0 ? NOT_BOOK : SUMMARY;
        }
        if (!seqSeen || marketStart < 0 || !typeSeen) {
            return fail("book message without seq_no, market or update_type");
        }
        return BOOK;
    }

    private int fail(final String why) {
        error = why;
        return MALFORMED;
    }

    private Malformed malformed(final String why) {
        error = why;
        return MALFORMED_SIGNAL;
    }

    /** @return why the last frame was malformed, or null (a constant string) */
    public String error() {
        return error;
    }

    /**
     * @param market the market symbol as ASCII bytes
     * @return {@code true} if the last book message is for that market
     */
    public boolean marketEquals(final byte[] market) {
        return Arrays.equals(buf, marketStart, marketEnd, market, 0, market.length);
    }

    /**
     * @return {@code funding_rate} of the last {@link #SUMMARY} push as a fraction per the market's funding
     *     period (Paradex: "not a normalized 8h funding rate"), or NaN when absent or null
     */
    public double fundingRate() {
        return fundingRate;
    }

    /** @return {@code seq_no} of the last book message */
    public long seqNo() {
        return seqNo;
    }

    /** @return {@code last_updated_at} of the last book message, ms since the epoch (0 if absent) */
    public long lastUpdatedAtMs() {
        return lastUpdatedAtMs;
    }

    /** @return {@code true} for {@code update_type "s"} (snapshot), {@code false} for {@code "d"} (delta) */
    public boolean isSnapshot() {
        return snapshot;
    }

    /** @return number of level entries (inserts, updates and deletes) in the last book message */
    public int levelCount() {
        return levels;
    }

    /**

     * @param i entry index

     * @return {@link #OP_INSERT}, {@link #OP_UPDATE} or {@link #OP_DELETE}

     */
    public byte op(final int i) {
        return ops[i];
    }

    /**

     * @param i entry index

     * @return {@code true} for a bid (BUY) level

     */
    public boolean isBuy(final int i) {
        return buys[i];
    }

    /**

     * @param i entry index

     * @return price at scale 8

     */
    public long price(final int i) {
        return prices[i];
    }

    /**

     * @param i entry index

     * @return size at scale 8 (base units)

     */
    public long size(final int i) {
        return sizes[i];
    }

    private void parseTop() {
        skipWs();
        expect('{');
        skipWs();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            readKey();
            if (keyIs(K_METHOD)) {
                readString();
                subscription = strIs(V_SUBSCRIPTION);
            } else if (keyIs(K_PARAMS)) {
                parseParams();
            } else {
                skipValue();
            }
            if (!nextMember()) {
                return;
            }
        }
    }

    private void parseParams() {
        skipWs();
        if (peek() != '{') {
            skipValue();
            return;
        }
        pos++;
        skipWs();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            readKey();
            if (keyIs(K_CHANNEL)) {
                readString();
                channelStart = strStart;
                channelEnd = strEnd;
            } else if (keyIs(K_DATA) && channelStart >= 0 && channelIs(V_MARKETS_SUMMARY)) {
                parseSummary();
                summary = true;
                hasData = true;
            } else if (keyIs(K_DATA) && (channelStart < 0 || channelIs(V_ORDER_BOOK))) {
                parseData();
                hasData = true;
            } else {
                skipValue();
            }
            if (!nextMember()) {
                return;
            }
        }
    }

    private boolean channelIs(final byte[] prefix) {
        return channelEnd - channelStart >= prefix.length
            && Arrays.equals(buf, channelStart, channelStart + prefix.length, prefix, 0, prefix.length);
    }

    /** {@code params.data} of {@code markets_summary[.{market}]}: {@code symbol} and {@code funding_rate}. */
    private void parseSummary() {
        skipWs();
        expect('{');
        skipWs();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            readKey();
            if (keyIs(K_SYMBOL)) {
                readString();
                marketStart = strStart;
                marketEnd = strEnd;
            } else if (keyIs(K_FUNDING_RATE)) {
                skipWs();
                final byte c = peek();
                if (c == '"') {
                    readString();
                    fundingRate = strEnd == strStart ? Double.NaN : parseRate(strStart, strEnd);
                } else if (c == 'n') {
                    skipLiteral();
                } else {
                    final int start = pos;
                    skipNumber();
                    fundingRate = parseRate(start, pos);
                }
            } else {
                skipValue();
            }
            if (!nextMember()) {
                return;
            }
        }
    }

    /**
     * Reads an ASCII decimal ({@code -0.0000125}, {@code 1.5e-5}) as a double without allocating: up to
     * {@value #RATE_DIGITS} significant digits are kept (a rate needs far fewer), the rest truncated.
     */
    private double parseRate(final int start, final int stop) {
        int i = start;
        final boolean negative = i < stop && buf[i] == '-';
        if (negative || i < stop && buf[i] == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean point = false;
        boolean any = false;
        for (; i < stop; i++) {
            final byte c = buf[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (digits < RATE_DIGITS) {
                    if (mantissa != 0 || c != '0') {
                        digits++;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    if (point) {
                        exponent--;
                    }
                } else if (!point) {
                    exponent++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else if (c == 'e' || c == 'E') {
                exponent += (int) parseExponent(i + 1, stop);
                break;
            } else {
                throw malformed("funding_rate is not a decimal");
            }
        }
        if (!any) {
            throw malformed("funding_rate is not a decimal");
        }
        double v = mantissa;
        if (exponent < 0) {
            v = -exponent < POW10.length ? v / POW10[-exponent] : v / Math.pow(10, -exponent);
        } else if (exponent > 0) {
            v = exponent < POW10.length ? v * POW10[exponent] : v * Math.pow(10, exponent);
        }
        return negative ? -v : v;
    }

    private long parseExponent(final int start, final int stop) {
        int i = start;
        final boolean negative = i < stop && buf[i] == '-';
        if (negative || i < stop && buf[i] == '+') {
            i++;
        }
        if (i >= stop) {
            throw malformed("funding_rate has an empty exponent");
        }
        long e = 0;
        for (; i < stop; i++) {
            final byte c = buf[i];
            if (c < '0' || c > '9' || e > 1000) {
                throw malformed("funding_rate has a bad exponent");
            }
            e = e * 10 + (c - '0');
        }
        return negative ? -e : e;
    }

    private void parseData() {
        skipWs();
        expect('{');
        skipWs();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            readKey();
            if (keyIs(K_SEQ_NO)) {
                seqNo = readLong();
                seqSeen = true;
            } else if (keyIs(K_MARKET)) {
                readString();
                marketStart = strStart;
                marketEnd = strEnd;
            } else if (keyIs(K_LAST_UPDATED_AT)) {
                lastUpdatedAtMs = readLong();
            } else if (keyIs(K_UPDATE_TYPE)) {
                readString();
                if (strEnd - strStart != 1 || (buf[strStart] != 's' && buf[strStart] != 'd')) {
                    throw malformed("update_type is neither s nor d");
                }
                snapshot = buf[strStart] == 's';
                typeSeen = true;
            } else if (keyIs(K_INSERTS)) {
                parseLevels(OP_INSERT);
            } else if (keyIs(K_UPDATES)) {
                parseLevels(OP_UPDATE);
            } else if (keyIs(K_DELETES)) {
                parseLevels(OP_DELETE);
            } else {
                skipValue();
            }
            if (!nextMember()) {
                return;
            }
        }
    }

    private void parseLevels(final byte op) {
        skipWs();
        if (peek() == 'n') {
            skipLiteral();
            return;
        }
        expect('[');
        skipWs();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            parseLevel(op);
            skipWs();
            final byte c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw malformed("expected , or ] in a level array");
            }
        }
    }

    private void parseLevel(final byte op) {
        skipWs();
        expect('{');
        if (levels == prices.length) {
            grow();
        }
        final int i = levels;
        int seen = 0;
        skipWs();
        if (peek() != '}') {
            while (true) {
                readKey();
                if (keyIs(K_SIDE)) {
                    readString();
                    if (strIs(V_BUY)) {
                        buys[i] = true;
                    } else if (strIs(V_SELL)) {
                        buys[i] = false;
                    } else {
                        throw malformed("level side is neither BUY nor SELL");
                    }
                    seen |= 1;
                } else if (keyIs(K_PRICE)) {
                    readString();
                    prices[i] = FixedPoint.parse(buf, strStart, strEnd - strStart, SCALE);
                    seen |= 2;
                } else if (keyIs(K_SIZE)) {
                    readString();
                    sizes[i] = FixedPoint.parse(buf, strStart, strEnd - strStart, SCALE);
                    seen |= 4;
                } else {
                    skipValue();
                }
                if (!nextMember()) {
                    break;
                }
            }
        } else {
            pos++;
        }
        if (op == OP_DELETE) {
            if ((seen & 3) != 3) {
                throw malformed("delete level without side or price");
            }
            if ((seen & 4) == 0) {
                sizes[i] = 0;
            }
        } else if (seen != 7) {
            throw malformed("level without side, price or size");
        }
        if (prices[i] <= 0 || sizes[i] < 0) {
            throw malformed("level with non-positive price or negative size");
        }
        ops[i] = op;
        levels++;
    }

    private void grow() {
        final int n = prices.length * 2;
        ops = Arrays.copyOf(ops, n);
        buys = Arrays.copyOf(buys, n);
        prices = Arrays.copyOf(prices, n);
        sizes = Arrays.copyOf(sizes, n);
    }

    // ---- JSON primitives -------------------------------------------------------------------

    private int keyStart;
    private int keyEnd;

    private void readKey() {
        skipWs();
        readString();
        keyStart = strStart;
        keyEnd = strEnd;
        skipWs();
        expect(':');
    }

    private boolean keyIs(final byte[] k) {
        return Arrays.equals(buf, keyStart, keyEnd, k, 0, k.length);
    }

    private boolean strIs(final byte[] v) {
        return Arrays.equals(buf, strStart, strEnd, v, 0, v.length);
    }

    /** After a member value: {@code true} on ',', {@code false} on '}'. */
    private boolean nextMember() {
        skipWs();
        final byte c = next();
        if (c == ',') {
            return true;
        }
        if (c == '}') {
            return false;
        }
        throw malformed("expected , or } after a member");
    }

    private void readString() {
        skipWs();
        expect('"');
        strStart = pos;
        while (true) {
            final byte c = next();
            if (c == '"') {
                strEnd = pos - 1;
                return;
            }
            if (c == '\\') {
                next();
            } else if (c >= 0 && c < 0x20) {
                throw malformed("control character in a string");
            }
        }
    }

    private long readLong() {
        skipWs();
        final boolean quoted = peek() == '"';
        if (quoted) {
            pos++;
        }
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        long v = 0;
        int digits = 0;
        while (pos < end) {
            final byte c = buf[pos];
            if (c < '0' || c > '9') {
                break;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw malformed("integer overflow");
            }
            v = v * 10 + (c - '0');
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw malformed("expected an integer");
        }
        if (quoted) {
            expect('"');
        }
        return negative ? -v : v;
    }

    private void skipValue() {
        skipWs();
        final byte c = peek();
        switch (c) {
            case '"' -> readString();
            case '{' -> skipComposite('{', '}');
            case '[' -> skipComposite('[', ']');
            case 't', 'f', 'n' -> skipLiteral();
            default -> skipNumber();
        }
    }

    private void skipComposite(final char open, final char close) {
        if (++depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        skipCompositeBody(open, close);
        depth--;
    }

    private void skipCompositeBody(final char open, final char close) {
        expect(open);
        skipWs();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            if (open == '{') {
                readKey();
            }
            skipValue();
            skipWs();
            final byte c = next();
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw malformed("expected , in an object or array");
            }
        }
    }

    private void skipLiteral() {
        final int start = pos;
        while (pos < end && buf[pos] >= 'a' && buf[pos] <= 'z') {
            pos++;
        }
        final int len = pos - start;
        if (len != 4 && len != 5) {
            throw malformed("bad literal");
        }
    }

    private void skipNumber() {
        final int start = pos;
        while (pos < end) {
            final byte c = buf[pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw malformed("unexpected character");
        }
    }

    private void skipWs() {
        while (pos < end) {
            final byte c = buf[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw malformed("truncated frame");
        }
        return buf[pos];
    }

    private byte next() {
        if (pos >= end) {
            throw malformed("truncated frame");
        }
        return buf[pos++];
    }

    private void expect(final char c) {
        if (next() != c) {
            throw malformed("unexpected character");
        }
    }
}
