package dev.arb.paradex;

import static dev.arb.paradex.PrivatePushParser.AVG_FILL_PRICE;
import static dev.arb.paradex.PrivatePushParser.CANCEL_REASON;
import static dev.arb.paradex.PrivatePushParser.CLIENT_ID;
import static dev.arb.paradex.PrivatePushParser.CREATED_AT;
import static dev.arb.paradex.PrivatePushParser.FEE;
import static dev.arb.paradex.PrivatePushParser.ID;
import static dev.arb.paradex.PrivatePushParser.LAST_UPDATED_AT;
import static dev.arb.paradex.PrivatePushParser.LIQUIDITY;
import static dev.arb.paradex.PrivatePushParser.MARKET;
import static dev.arb.paradex.PrivatePushParser.ORDER_ID;
import static dev.arb.paradex.PrivatePushParser.PRICE;
import static dev.arb.paradex.PrivatePushParser.REMAINING_SIZE;
import static dev.arb.paradex.PrivatePushParser.SIDE;
import static dev.arb.paradex.PrivatePushParser.SIZE;
import static dev.arb.paradex.PrivatePushParser.STATUS;

import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.api.FixedPointFormatException;
import dev.arb.api.Liquidity;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.RestDecoders;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The streaming path of the private {@code orders} and {@code fills} pushes (issue 14 §3): {@link PrivatePushParser}
 * over the frame's bytes, then the {@link OrderUpdate} or {@link Fill} built from its reused fields exactly as
 * {@code OrderResponses.toUpdate} and {@code RestDecoders.fill} build it from a tree (the same status mapping and fee
 * estimate, {@link OrderResponses#status}, {@link OrderResponses#estimatedFee}), then handed to the account stream.
 * Only the API objects and their strings are allocated (market names come from a small cache).
 *
 * <p>A frame it does not vouch for is left to the tree path ({@link #offer} answers {@code false}): a frame the
 * parser declines, and one whose fields are not of the plain forms decoded here (anything the tree path would reject,
 * and rare forms such as integers written with more than 18 digits), so that every error is the tree path's own and
 * counted as before. An exception thrown by a listener is counted as on the tree path.
 *
 * <p><b>Note:</b> not thread-safe; one instance per account stream, used on the event loop (tests: one thread at a
 * time). The switch {@link #streaming(boolean)} is volatile.
 */
final class PrivatePushReader {
    private static final int SCALE = RestDecoders.SCALE;
    /** Longest decimal text the tree path rounds ({@code OrderResponses.rounded}). */
    private static final int MAX_DECIMAL_CHARS = 64;
    private static final int MARKET_CACHE = 8;
    private static final String[] STATUSES = {"CLOSED", "OPEN", "NEW", "UNTRIGGERED"};

    private final PrivatePushParser parser = new PrivatePushParser();
    private final ParadexMarkets markets;
    private final ParadexCounters counters;
    private final Consumer<OrderUpdate> updates;
    private final Consumer<Fill> fills;
    private final LongSupplier clock;
    private final String[] marketNames = new String[MARKET_CACHE];
    private int nextMarket;
    private long streamed;
    private volatile boolean streaming = true;

    /**
     * @param markets  fee rates, for the estimated fees of order updates
     * @param counters where listener exceptions are counted
     * @param updates  receives each order update (the account stream's shared delivery)
     * @param fills    receives each fill
     * @param clock    local time, ms since the epoch, for an order update without a timestamp
     */
    PrivatePushReader(final ParadexMarkets markets, final ParadexCounters counters,
        final Consumer<OrderUpdate> updates, final Consumer<Fill> fills, final LongSupplier clock) {
        this.markets = markets;
        this.counters = counters;
        this.updates = updates;
        this.fills = fills;
        this.clock = clock;
    }

    /** @param on {@code false} leaves every frame to the tree path (the differential test's reference) */
    void streaming(final boolean on) {
        streaming = on;
    }

    /**
     * @param bytes  a JSON text frame
     * @param offset its first byte
     * @param length its length in bytes
     * @return {@code true} if it was an {@code orders} or {@code fills} push handled here; {@code false} to read it
     *     as a tree
     */
    boolean offer(final byte[] bytes, final int offset, final int length) {
        if (!streaming) {
            return false;
        }
        final int kind = parser.parse(bytes, offset, length);
        if (kind == PrivatePushParser.DECLINED) {
            return false;
        }
        final OrderUpdate update;
        final Fill fill;
        try {
            update = kind == PrivatePushParser.ORDERS ? update(clock.getAsLong()) : null;
            fill = update == null ? fill() : null;
        } catch (final RuntimeException e) {
            return false; // the tree path reads it again and reports the error as it always did
        }
        try {
            if (update != null) {
                updates.accept(update);
            } else {
                fills.accept(fill);
            }
        } catch (final RuntimeException e) {
            counters.privateMessageError(parser.channel().toString(), e);
        }
        streamed++;
        return true;
    }

    /** @return pushes handled on the streaming path so far */
    long streamed() {
        return streamed;
    }

    /** {@code OrderResponses.toUpdate} over the parsed fields, with {@code ParadexAccountStream}'s fee rate. */
    private OrderUpdate update(final long nowMs) {
        final String market = market(parser.field(MARKET));
        final BigDecimal feeRate = markets.takerFee(market);
        final PushField status = parser.field(STATUS);
        if (!status.hasText() || !parser.field(SIDE).hasText()) {
            throw new IllegalArgumentException("order response without status or side");
        }
        final Side side = side(parser.field(SIDE));
        final long size = decimal(parser.field(SIZE));
        final PushField remainingText = parser.field(REMAINING_SIZE);
        final long remaining = remainingText.isNullOrEmpty() ? size : FixedPoint.parse(remainingText, SCALE);
        final long filled = Math.max(0, size - remaining);
        final long avgPrice = filled == 0 ? 0 : rounded(parser.field(AVG_FILL_PRICE));
        final PushField reason = parser.field(CANCEL_REASON);
        final String cancelReason = !reason.hasText() ? null : reason.length() == 0 ? "" : reason.toString();
        final OrderStatus mapped = OrderResponses.status(statusName(status), size, filled, cancelReason);
        final String rejectCode = mapped == OrderStatus.REJECTED ? cancelReason : null;
        final BigDecimal fee = OrderResponses.estimatedFee(filled, avgPrice, feeRate, SCALE);
        final long createdAt = longOr(parser.field(CREATED_AT), nowMs);
        final long ts = longOr(parser.field(LAST_UPDATED_AT), createdAt);
        final PushField clientId = parser.field(CLIENT_ID);
        return new OrderUpdate(ParadexErrors.VENUE, market, clientId.isNullOrEmpty() ? null : clientId.toString(),
            parser.field(ID).textOrNull(), side, mapped, size, filled, avgPrice, fee, rejectCode,
            rejectCode != null ? "cancel_reason " + cancelReason : null, ts);
    }

    /** {@code RestDecoders.fill} over the parsed fields. */
    private Fill fill() {
        final PushField clientId = parser.field(CLIENT_ID);
        final PushField fee = parser.field(FEE);
        return new Fill(ParadexErrors.VENUE, market(parser.field(MARKET)), parser.field(ORDER_ID).textOrNull(),
            clientId.isNullOrEmpty() ? null : clientId.toString(), side(parser.field(SIDE)),
            decimal(parser.field(PRICE)), decimal(parser.field(SIZE)),
            fee.isNullOrEmpty() ? BigDecimal.ZERO : new BigDecimal(fee.textChars(), 0, fee.length()),
            parser.field(LIQUIDITY).textEquals("MAKER") ? Liquidity.MAKER : Liquidity.TAKER,
            longOr(parser.field(CREATED_AT), 0));
    }

    /** {@code OrderResponses.decimal}: 0 when null or empty. */
    private static long decimal(final PushField f) {
        return f.isNullOrEmpty() ? 0 : FixedPoint.parse(f, SCALE);
    }

    /** {@code OrderResponses.decimalRounded}: exact decimals in place, more decimals or an exponent as the tree. */
    private static long rounded(final PushField f) {
        if (f.isNullOrEmpty()) {
            return 0;
        }
        if (f.length() <= MAX_DECIMAL_CHARS) {
            try {
                return FixedPoint.parse(f, SCALE); // exact at the scale: what rounding gives
            } catch (final FixedPointFormatException e) {
                // more decimals than the scale, or an exponent: rounded below
            }
        }
        return OrderResponses.rounded(f.toString(), "avg_fill_price", SCALE);
    }

    /**
     * {@code OrderResponses.longOr} for the plain forms: a JSON integer, or a string of an optional sign and 1 to 18
     * digits; anything else throws (the tree path decides).
     */
    private static long longOr(final PushField f, final long fallback) {
        if (f.isNullOrEmpty()) {
            return fallback;
        }
        if (f.isLong()) {
            return f.longValue();
        }
        final char[] c = f.textChars();
        final int n = f.length();
        final boolean negative = c[0] == '-';
        int i = c[0] == '-' || c[0] == '+' ? 1 : 0;
        if (n - i < 1 || n - i > 18) {
            throw new IllegalArgumentException("not a plain integer");
        }
        long v = 0;
        for (; i < n; i++) {
            if (c[i] < '0' || c[i] > '9') {
                throw new IllegalArgumentException("not a plain integer");
            }
            v = v * 10 + (c[i] - '0');
        }
        return negative ? -v : v;
    }

    /** {@code Side.valueOf} of the text. */
    private static Side side(final PushField f) {
        if (f.textEquals("BUY")) {
            return Side.BUY;
        }
        if (f.textEquals("SELL")) {
            return Side.SELL;
        }
        throw new IllegalArgumentException("not a side");
    }

    /** The status as one of the constants {@link OrderResponses#status} knows, without allocating. */
    private static String statusName(final PushField f) {
        for (final String s : STATUSES) {
            if (f.textEquals(s)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown order status");
    }

    /** The market's text, a cached string when seen recently; null when missing or null. */
    private String market(final PushField f) {
        if (!f.hasText()) {
            return null;
        }
        for (final String m : marketNames) {
            if (m != null && f.textEquals(m)) {
                return m;
            }
        }
        final String m = f.toString();
        marketNames[nextMarket] = m;
        nextMarket = (nextMarket + 1) % MARKET_CACHE;
        return m;
    }
}
