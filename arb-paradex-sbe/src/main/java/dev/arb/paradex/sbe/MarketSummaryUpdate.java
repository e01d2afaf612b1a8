package dev.arb.paradex.sbe;

/**
 * One decoded Paradex {@code MarketSummaryEvent} (template 4, channel {@code markets_summary.{market}}): mark,
 * index and last price, funding and 24 h statistics.
 *
 * <p>A reused flyweight: {@link ParadexSbeDecoder} overwrites it for every summary frame, so read it during
 * {@link ParadexSbeListener#onMarketSummary} and copy what you keep. Prices and sizes at scale 8; rates are
 * fractions at scale 8 ({@link ParadexSbe#RATE_SCALE}), {@link #fundingRatePrecise()} at scale 12. Optional
 * fields are {@link ParadexSbe#NULL_VALUE} when absent (INT64_MIN on the wire, or a field the frame's
 * schema version or block length does not carry). The options Greeks are not decoded. Source: schema
 * {@code paradex_1_0.xml} (version 0 block 216 bytes, version 1 block 240 with {@code fundingRatePrecise}).
 *
 * <p><b>Note:</b> not thread-safe; owned by the decoding thread.
 */
public final class MarketSummaryUpdate {
    private String market;
    private long seq;
    private long tsMicros;
    private long markPrice;
    private long indexPrice;
    private long lastPrice;
    private long bidPrice;
    private long askPrice;
    private long bidSize;
    private long askSize;
    private long openInterest;
    private long volumeUsd24h;
    private long fundingRate;
    private long fundingRatePrecise;

    MarketSummaryUpdate() {
    }

    void set(final String market, final long seq, final long tsMicros, final long markPrice, final long indexPrice,
        final long lastPrice, final long openInterest, final long volumeUsd24h, final long fundingRate) {
        this.market = market;
        this.seq = seq;
        this.tsMicros = tsMicros;
        this.markPrice = markPrice;
        this.indexPrice = indexPrice;
        this.lastPrice = lastPrice;
        this.openInterest = openInterest;
        this.volumeUsd24h = volumeUsd24h;
        this.fundingRate = fundingRate;
    }

    void setTopOfBook(final long bidPrice, final long bidSize, final long askPrice, final long askSize) {
        this.bidPrice = bidPrice;
        this.bidSize = bidSize;
        this.askPrice = askPrice;
        this.askSize = askSize;
    }

    void setFundingRatePrecise(final long fundingRatePrecise) {
        this.fundingRatePrecise = fundingRatePrecise;
    }

    /** @return market symbol */
    public String market() {
        return market;
    }

    /** @return sequence number (0 in captured summaries) */
    public long seq() {
        return seq;
    }

    /** @return venue publish time, µs since the epoch */
    public long tsMicros() {
        return tsMicros;
    }

    /** @return mark price at scale 8, USD per base unit */
    public long markPrice() {
        return markPrice;
    }

    /** @return index (spot oracle) price at scale 8, USD per base unit */
    public long indexPrice() {
        return indexPrice;
    }

    /** @return last traded price at scale 8, USD per base unit */
    public long lastPrice() {
        return lastPrice;
    }

    /** @return best bid at scale 8, or {@link ParadexSbe#NULL_VALUE} */
    public long bidPrice() {
        return bidPrice;
    }

    /** @return best ask at scale 8, or {@link ParadexSbe#NULL_VALUE} */
    public long askPrice() {
        return askPrice;
    }

    /** @return best bid size at scale 8 (base units), or {@link ParadexSbe#NULL_VALUE} */
    public long bidSize() {
        return bidSize;
    }

    /** @return best ask size at scale 8 (base units), or {@link ParadexSbe#NULL_VALUE} */
    public long askSize() {
        return askSize;
    }

    /** @return open interest at scale 8, base units */
    public long openInterest() {
        return openInterest;
    }

    /** @return 24 h traded volume at scale 8, USD */
    public long volumeUsd24h() {
        return volumeUsd24h;
    }

    /** @return current funding rate at scale 8 (a fraction per funding period) */
    public long fundingRate() {
        return fundingRate;
    }

    /**
     * @return the funding rate at scale 12 (schema: "prefer over fundingRate"), or {@link ParadexSbe#NULL_VALUE}
     *     when absent (schema version 0 frames)
     */
    public long fundingRatePrecise() {
        return fundingRatePrecise;
    }

    @Override
    public String toString() {
        return "MarketSummaryUpdate{" + market + " mark=" + markPrice + " index=" + indexPrice + " funding="
            + fundingRate + " (scale 8) fundingPrecise=" + fundingRatePrecise + " (scale 12) ts=" + tsMicros + "us}";
    }
}
