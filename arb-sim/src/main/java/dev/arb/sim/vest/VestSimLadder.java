package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import java.math.BigDecimal;

/**
 * The simulated Vest AMM's quote ladder for one symbol: {@code levels} bids and asks around the
 * venue mid, the best ones {@code halfSpreadBps} away, each further level {@code levelSpacingBps}
 * more, sizes growing with depth. Prices are fixed-point at the symbol's price decimals (bids rounded
 * down, asks up), sizes at its size decimals.
 *
 * <p><b>Note:</b> not thread-safe: owned by the simulator's event-loop thread.
 */
final class VestSimLadder {
    final VestSimulator.SimSymbol symbol;
    final long[] bidPrices;
    final long[] bidSizes;
    final long[] askPrices;
    final long[] askSizes;
    private final VestSimulator.Options options;
    private final long pricePow;

    VestSimLadder(final VestSimulator.SimSymbol symbol, final VestSimulator.Options options) {
        this.symbol = symbol;
        this.options = options;
        final int n = options.ladderLevels();
        bidPrices = new long[n];
        bidSizes = new long[n];
        askPrices = new long[n];
        askSizes = new long[n];
        pricePow = dev.arb.api.FixedPoint.pow10(symbol.priceDecimals());
    }

    /**
     * Re-quotes around the model's venue-A mid at {@code step}.
     *
     * @param model the shared market model
     * @param step  model step
     */
    void quote(final MarketModel model, final long step) {
        final double mid = model.venueMid(MarketModel.VENUE_A, step) * symbol.priceFactor();
        final BigDecimal base = options.levelBaseSize();
        for (int i = 0; i < bidPrices.length; i++) {
            final double offset = (options.halfSpreadBps() + i * options.levelSpacingBps()) / 10_000.0;
            bidPrices[i] = (long) Math.floor(mid * (1.0 - offset) * pricePow);
            askPrices[i] = (long) Math.ceil(mid * (1.0 + offset) * pricePow);
            final BigDecimal size = base.multiply(BigDecimal.valueOf(1.0 + options.sizeGrowth() * i))
                .setScale(symbol.sizeDecimals(), java.math.RoundingMode.DOWN);
            final long s = size.unscaledValue().longValueExact();
            bidSizes[i] = Math.max(1, s);
            askSizes[i] = Math.max(1, s);
        }
    }

    /**
     * @param tsMs venue timestamp to include, ms since the epoch
     * @return the {@code {symbol}@depth} message with exact decimal strings
     */
    String depthMessage(final long tsMs) {
        final StringBuilder sb = new StringBuilder(64 + bidPrices.length * 48);
        sb.append("{\"channel\":\"").append(symbol.symbol()).append("@depth\",\"data\":{\"bids\":[");
        appendSide(sb, bidPrices, bidSizes);
        sb.append("],\"asks\":[");
        appendSide(sb, askPrices, askSizes);
        sb.append("]},\"tsMs\":").append(tsMs).append('}');
        return sb.toString();
    }

    private void appendSide(final StringBuilder sb, final long[] prices, final long[] sizes) {
        for (int i = 0; i < prices.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("[\"");
            dev.arb.api.FixedPoint.appendFixed(sb, prices[i], symbol.priceDecimals());
            sb.append("\",\"");
            dev.arb.api.FixedPoint.appendFixed(sb, sizes[i], symbol.sizeDecimals());
            sb.append("\"]");
        }
    }
}
