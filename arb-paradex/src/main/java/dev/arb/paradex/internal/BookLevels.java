package dev.arb.paradex.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The level entries of one Paradex order-book push, read from its {@code inserts}, {@code updates} and
 * {@code deletes} arrays of {@code {side, price, size}} (protocol reference §2.5 {@code ResponsesPriceBookUpdate};
 * size 0 or a delete removes a level) into preallocated arrays that only grow; prices and sizes at scale 8 (Paradex
 * chain decimals).
 *
 * <p><b>Note:</b> not thread-safe; one instance per {@link BookMessageParser}.
 */
final class BookLevels {
    /** Level operation: insert (snapshot levels and delta inserts). */
    static final byte OP_INSERT = 0;
    /** Level operation: update of an existing level's size. */
    static final byte OP_UPDATE = 1;
    /** Level operation: delete of a level. */
    static final byte OP_DELETE = 2;
    /** Decimal places of parsed prices and sizes. */
    static final int SCALE = 8;

    private static final byte[] K_SIDE = ascii("side");
    private static final byte[] K_PRICE = ascii("price");
    private static final byte[] K_SIZE = ascii("size");
    private static final byte[] V_BUY = ascii("BUY");
    private static final byte[] V_SELL = ascii("SELL");

    private int levels;
    private byte[] ops = new byte[64];
    private boolean[] buys = new boolean[64];
    private long[] prices = new long[64];
    private long[] sizes = new long[64];

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Forgets the levels of the previous message. */
    void clear() {
        levels = 0;
    }

    /** @return number of level entries read since {@link #clear} */
    int count() {
        return levels;
    }

    /**
     * @param i entry index
     * @return {@link #OP_INSERT}, {@link #OP_UPDATE} or {@link #OP_DELETE}
     */
    byte op(final int i) {
        return ops[i];
    }

    /**
     * @param i entry index
     * @return {@code true} for a bid (BUY) level
     */
    boolean isBuy(final int i) {
        return buys[i];
    }

    /**
     * @param i entry index
     * @return price at scale 8
     */
    long price(final int i) {
        return prices[i];
    }

    /**
     * @param i entry index
     * @return size at scale 8 (base units)
     */
    long size(final int i) {
        return sizes[i];
    }

    /**
     * Reads one {@code inserts}, {@code updates} or {@code deletes} array (or {@code null}) and appends its levels.
     *
     * @param in the scanner, before the array
     * @param op {@link #OP_INSERT}, {@link #OP_UPDATE} or {@link #OP_DELETE} for every level of the array
     * @throws JsonByteScanner.Malformed if a level lacks a field or has a bad side, price or size
     * @throws dev.arb.api.FixedPointFormatException if a price or size is not a decimal
     */
    void parse(final JsonByteScanner in, final byte op) {
        in.skipWs();
        if (in.peek() == 'n') {
            in.skipLiteral();
            return;
        }
        in.expect('[');
        in.skipWs();
        if (in.peek() == ']') {
            in.skipByte();
            return;
        }
        while (true) {
            parseLevel(in, op);
            in.skipWs();
            final byte c = in.next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw in.malformed("expected , or ] in a level array");
            }
        }
    }

    private void parseLevel(final JsonByteScanner in, final byte op) {
        in.skipWs();
        in.expect('{');
        if (levels == prices.length) {
            grow();
        }
        final int i = levels;
        int seen = 0;
        in.skipWs();
        if (in.peek() != '}') {
            while (true) {
                in.readKey();
                if (in.keyIs(K_SIDE)) {
                    in.readString();
                    if (in.strIs(V_BUY)) {
                        buys[i] = true;
                    } else if (in.strIs(V_SELL)) {
                        buys[i] = false;
                    } else {
                        throw in.malformed("level side is neither BUY nor SELL");
                    }
                    seen |= 1;
                } else if (in.keyIs(K_PRICE)) {
                    in.readString();
                    prices[i] = in.strFixedPoint(SCALE);
                    seen |= 2;
                } else if (in.keyIs(K_SIZE)) {
                    in.readString();
                    sizes[i] = in.strFixedPoint(SCALE);
                    seen |= 4;
                } else {
                    in.skipValue();
                }
                if (!in.nextMember()) {
                    break;
                }
            }
        } else {
            in.skipByte();
        }
        if (op == OP_DELETE) {
            if ((seen & 3) != 3) {
                throw in.malformed("delete level without side or price");
            }
            if ((seen & 4) == 0) {
                sizes[i] = 0;
            }
        } else if (seen != 7) {
            throw in.malformed("level without side, price or size");
        }
        if (prices[i] <= 0 || sizes[i] < 0) {
            throw in.malformed("level with non-positive price or negative size");
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
}
