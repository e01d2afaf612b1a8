package dev.arb.paradex.internal;

import dev.arb.api.FixedPointFormatException;
import java.nio.charset.StandardCharsets;

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
 * arrays have grown to the largest message seen. The JSON tokens are read by a {@link JsonByteScanner}, a
 * {@code funding_rate} by {@link FundingRateReader}; the
 * {@code inserts}/{@code updates}/{@code deletes} arrays by {@link BookLevels}; this class knows what the keys mean.
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
    public static final byte OP_INSERT = BookLevels.OP_INSERT;
    /** Level operation: update of an existing level's size. */
    public static final byte OP_UPDATE = BookLevels.OP_UPDATE;
    /** Level operation: delete of a level. */
    public static final byte OP_DELETE = BookLevels.OP_DELETE;

    /** Decimal places of parsed prices and sizes. */
    public static final int SCALE = BookLevels.SCALE;

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
    private static final byte[] V_SUBSCRIPTION = ascii("subscription");
    private static final byte[] V_ORDER_BOOK = ascii("order_book.");
    private static final byte[] V_MARKETS_SUMMARY = ascii("markets_summary");
    private static final byte[] K_SYMBOL = ascii("symbol");
    private static final byte[] K_FUNDING_RATE = ascii("funding_rate");

    private final JsonByteScanner in = new JsonByteScanner();
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
    private final BookLevels levels = new BookLevels();

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
        in.reset(bytes, offset, length);
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
        levels.clear();
        try {
            parseTop();
            if (!in.atEnd()) {
                return fail("trailing bytes after the JSON object");
            }
        } catch (final JsonByteScanner.Malformed m) {
            error = in.error();
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

    /** @return why the last frame was malformed, or null (a constant string) */
    public String error() {
        return error;
    }

    /**
     * @param market the market symbol as ASCII bytes
     * @return {@code true} if the last book message is for that market
     */
    public boolean marketEquals(final byte[] market) {
        return in.rangeEquals(marketStart, marketEnd, market);
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
        return levels.count();
    }

    /**
     * @param i entry index
     * @return {@link #OP_INSERT}, {@link #OP_UPDATE} or {@link #OP_DELETE}
     */
    public byte op(final int i) {
        return levels.op(i);
    }

    /**
     * @param i entry index
     * @return {@code true} for a bid (BUY) level
     */
    public boolean isBuy(final int i) {
        return levels.isBuy(i);
    }

    /**
     * @param i entry index
     * @return price at scale 8
     */
    public long price(final int i) {
        return levels.price(i);
    }

    /**
     * @param i entry index
     * @return size at scale 8 (base units)
     */
    public long size(final int i) {
        return levels.size(i);
    }

    private void parseTop() {
        if (!in.openObject()) {
            return;
        }
        while (true) {
            in.readKey();
            if (in.keyIs(K_METHOD)) {
                in.readString();
                subscription = in.strIs(V_SUBSCRIPTION);
            } else if (in.keyIs(K_PARAMS)) {
                parseParams();
            } else {
                in.skipValue();
            }
            if (!in.nextMember()) {
                return;
            }
        }
    }

    private void parseParams() {
        in.skipWs();
        if (in.peek() != '{') {
            in.skipValue();
            return;
        }
        if (!in.openObject()) {
            return;
        }
        while (true) {
            in.readKey();
            if (in.keyIs(K_CHANNEL)) {
                in.readString();
                channelStart = in.strStart();
                channelEnd = in.strEnd();
            } else if (in.keyIs(K_DATA) && channelStart >= 0 && channelIs(V_MARKETS_SUMMARY)) {
                parseSummary();
                summary = true;
                hasData = true;
            } else if (in.keyIs(K_DATA) && (channelStart < 0 || channelIs(V_ORDER_BOOK))) {
                parseData();
                hasData = true;
            } else {
                in.skipValue();
            }
            if (!in.nextMember()) {
                return;
            }
        }
    }

    private boolean channelIs(final byte[] prefix) {
        return channelEnd - channelStart >= prefix.length
            && in.rangeEquals(channelStart, channelStart + prefix.length, prefix);
    }

    /** {@code params.data} of {@code markets_summary[.{market}]}: {@code symbol} and {@code funding_rate}. */
    private void parseSummary() {
        if (!in.openObject()) {
            return;
        }
        while (true) {
            in.readKey();
            if (in.keyIs(K_SYMBOL)) {
                in.readString();
                marketStart = in.strStart();
                marketEnd = in.strEnd();
            } else if (in.keyIs(K_FUNDING_RATE)) {
                in.skipWs();
                final byte c = in.peek();
                if (c == '"') {
                    in.readString();
                    fundingRate = in.strEnd() == in.strStart() ? Double.NaN
                        : FundingRateReader.read(in, in.strStart(), in.strEnd());
                } else if (c == 'n') {
                    in.skipLiteral();
                } else {
                    final int start = in.pos();
                    in.skipNumber();
                    fundingRate = FundingRateReader.read(in, start, in.pos());
                }
            } else {
                in.skipValue();
            }
            if (!in.nextMember()) {
                return;
            }
        }
    }

    private void parseData() {
        if (!in.openObject()) {
            return;
        }
        while (true) {
            in.readKey();
            if (in.keyIs(K_SEQ_NO)) {
                seqNo = in.readLong();
                seqSeen = true;
            } else if (in.keyIs(K_MARKET)) {
                in.readString();
                marketStart = in.strStart();
                marketEnd = in.strEnd();
            } else if (in.keyIs(K_LAST_UPDATED_AT)) {
                lastUpdatedAtMs = in.readLong();
            } else if (in.keyIs(K_UPDATE_TYPE)) {
                in.readString();
                final byte t = in.byteAt(in.strStart());
                if (in.strEnd() - in.strStart() != 1 || (t != 's' && t != 'd')) {
                    throw in.malformed("update_type is neither s nor d");
                }
                snapshot = t == 's';
                typeSeen = true;
            } else if (in.keyIs(K_INSERTS)) {
                levels.parse(in, OP_INSERT);
            } else if (in.keyIs(K_UPDATES)) {
                levels.parse(in, OP_UPDATE);
            } else if (in.keyIs(K_DELETES)) {
                levels.parse(in, OP_DELETE);
            } else {
                in.skipValue();
            }
            if (!in.nextMember()) {
                return;
            }
        }
    }
}
