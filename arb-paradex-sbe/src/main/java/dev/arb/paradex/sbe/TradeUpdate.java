package dev.arb.paradex.sbe;

import dev.arb.api.Side;

/**
 * One decoded Paradex {@code TradeEvent} (template 1, channel {@code trades.{market}}).
 *
 * <p>A reused flyweight: {@link ParadexSbeDecoder} overwrites it for every trade frame, so read it during
 * {@link ParadexSbeListener#onTrade} and copy what you keep. Price and size are fixed-point at scale 8.
 * Source: schema {@code paradex_1_0.xml} ({@code side} is the aggressor; {@code seq} is the order-book
 * counter after execution, 0 for block-trade legs and position transfers). The deprecated 64-bit
 * {@code tradeId} and the version-2 {@code tradeIdStr} are not decoded.
 *
 * <p><b>Note:</b> not thread-safe; owned by the decoding thread.
 */
public final class TradeUpdate {
    /** {@link #tradeType()} value of an ordinary fill (schema enum {@code FillType.FILL}). */
    public static final int TRADE_TYPE_FILL = 1;
    /** {@link #tradeType()} value of a liquidation ({@code FillType.LIQUIDATION}). */
    public static final int TRADE_TYPE_LIQUIDATION = 2;
    /** {@link #tradeType()} value of an RPI fill ({@code FillType.RPI}). */
    public static final int TRADE_TYPE_RPI = 5;
    /** {@link #tradeType()} value of a block trade ({@code FillType.BLOCK_TRADE}). */
    public static final int TRADE_TYPE_BLOCK_TRADE = 6;

    private String market;
    private long seq;
    private long tsMicros;
    private long createdAtMicros;
    private Side side;
    private long price;
    private long size;
    private int tradeType;

    TradeUpdate() {
    }

    void set(final String market, final long seq, final long tsMicros, final long createdAtMicros, final Side side,
        final long price, final long size, final int tradeType) {
        this.market = market;
        this.seq = seq;
        this.tsMicros = tsMicros;
        this.createdAtMicros = createdAtMicros;
        this.side = side;
        this.price = price;
        this.size = size;
        this.tradeType = tradeType;
    }

    /** @return market symbol */
    public String market() {
        return market;
    }

    /** @return order-book sequence number after execution (0 when the trade has none) */
    public long seq() {
        return seq;
    }

    /** @return feed publish time, µs since the epoch */
    public long tsMicros() {
        return tsMicros;
    }

    /** @return matching-engine time of the trade, µs since the epoch */
    public long createdAtMicros() {
        return createdAtMicros;
    }

    /** @return the aggressor's side ({@link Side#SELL}: the taker sold), or null if not representable (254) */
    public Side side() {
        return side;
    }

    /** @return trade price at scale 8, USD per base unit */
    public long price() {
        return price;
    }

    /** @return trade size at scale 8, base units */
    public long size() {
        return size;
    }

    /**
     * @return the schema's {@code FillType} code: 1 FILL, 2 LIQUIDATION, 3 UNWIND_TRANSFER, 4 SETTLE_MARKET, 5 RPI,
     *     6 BLOCK_TRADE, 254 NON_REPRESENTABLE
     */
    public int tradeType() {
        return tradeType;
    }

    @Override
    public String toString() {
        return "TradeUpdate{" + market + " seq=" + seq + ' ' + side + ' ' + size + '@' + price + " (scale 8) type="
            + tradeType + " ts=" + tsMicros + "us}";
    }
}
