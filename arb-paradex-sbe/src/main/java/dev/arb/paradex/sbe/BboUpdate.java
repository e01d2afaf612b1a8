package dev.arb.paradex.sbe;

/**
 * One decoded Paradex {@code BboEvent} (template 2, channel {@code bbo.{market}} or
 * {@code bbo.{market}.interactive}): best bid and ask of a market.
 *
 * <p>A reused flyweight: {@link ParadexSbeDecoder} overwrites it for every BBO frame, so read it during
 * {@link ParadexSbeListener#onBbo} and copy what you keep. Prices and sizes are fixed-point at scale 8;
 * an empty side has price and size {@link ParadexSbe#NULL_VALUE} (INT64_MIN on the wire). {@code seq} is the
 * market's order-book counter, which BBO frames share but do not step by one (schema {@code paradex_1_0.xml},
 * {@code shared/protocols/paradex-sbe.md} §4).
 *
 * <p><b>Note:</b> not thread-safe; owned by the decoding thread.
 */
public final class BboUpdate {
    private String market;
    private long seq;
    private long tsMicros;
    private long bidPrice;
    private long bidSize;
    private long askPrice;
    private long askSize;

    BboUpdate() {
    }

    void set(final String market, final long seq, final long tsMicros, final long bidPrice, final long bidSize,
        final long askPrice, final long askSize) {
        this.market = market;
        this.seq = seq;
        this.tsMicros = tsMicros;
        this.bidPrice = bidPrice;
        this.bidSize = bidSize;
        this.askPrice = askPrice;
        this.askSize = askSize;
    }

    /** @return market symbol, e.g. {@code BTC-USD-PERP} */
    public String market() {
        return market;
    }

    /** @return the market's order-book sequence number */
    public long seq() {
        return seq;
    }

    /** @return venue publish time, µs since the epoch */
    public long tsMicros() {
        return tsMicros;
    }

    /** @return {@code true} when the bid side is present */
    public boolean hasBid() {
        return bidPrice != ParadexSbe.NULL_VALUE;
    }

    /** @return {@code true} when the ask side is present */
    public boolean hasAsk() {
        return askPrice != ParadexSbe.NULL_VALUE;
    }

    /** @return best bid price at scale 8 (USD per base unit), or {@link ParadexSbe#NULL_VALUE} */
    public long bidPrice() {
        return bidPrice;
    }

    /** @return best bid size at scale 8 (base units), or {@link ParadexSbe#NULL_VALUE} */
    public long bidSize() {
        return bidSize;
    }

    /** @return best ask price at scale 8 (USD per base unit), or {@link ParadexSbe#NULL_VALUE} */
    public long askPrice() {
        return askPrice;
    }

    /** @return best ask size at scale 8 (base units), or {@link ParadexSbe#NULL_VALUE} */
    public long askSize() {
        return askSize;
    }

    @Override
    public String toString() {
        return "BboUpdate{" + market + " seq=" + seq + " ts=" + tsMicros + "us bid=" + bidPrice + 'x' + bidSize
            + " ask=" + askPrice + 'x' + askSize + " (scale 8)}";
    }
}
