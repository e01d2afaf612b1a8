package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated Vest {@code tickers} channel and its funding state: per symbol the cumulative funding per base
 * unit ({@code cumFunding}, USD) that grows by {@code rate × mark} at every funding hour of simulated time, and
 * the encoder of the {@code tickers} message (mark = the ladder's quoted mid, index = the model's fair price,
 * {@code oneHrFundingRate} = {@code model.fundingRatePerHour(VENUE_A, step)}, 12 decimals). Shared by the live
 * {@link VestSimulator} and the virtual-time {@link VestFrameSource}, so both publish the same bytes for a step.
 *
 * <p><b>Note:</b> {@link #onStep} is called by one thread at a time (the simulator's event loop, or the frame
 * source's caller); {@link #message} may be read from any thread (the map is concurrent).
 */
final class VestSimTickers {
    /** Decimals of the funding rate and {@code cumFunding} in {@code tickers}. */
    private static final int FUNDING_SCALE = 12;

    private final Map<String, BigDecimal> cumFunding = new ConcurrentHashMap<>();

    /**
     * Moves to {@code step}: when its simulated time crosses a multiple of {@code fundingHourMs}, one funding hour
     * is paid, {@code rate × mark} USD per base unit per symbol, added to {@code cumFunding}.
     *
     * @param model         the shared market model
     * @param step          the new step (the ladders are already quoted at it)
     * @param fundingHourMs simulated ms of one funding hour
     * @param ladders       every symbol's ladder
     * @return per symbol the funding paid per base unit at this step, USD (positive: longs pay); empty when no
     *     funding hour ended
     */
    Map<String, BigDecimal> onStep(final MarketModel model, final long step, final long fundingHourMs,
        final Iterable<VestSimLadder> ladders) {
        if (step <= 0 || model.stepTimeMs(step) / fundingHourMs == model.stepTimeMs(step - 1) / fundingHourMs) {
            return Map.of();
        }
        final BigDecimal rate = BigDecimal.valueOf(model.fundingRatePerHour(MarketModel.VENUE_A, step));
        final Map<String, BigDecimal> paid = new LinkedHashMap<>();
        for (final VestSimLadder l : ladders) {
            final BigDecimal perUnit = rate.multiply(mark(l));
            cumFunding.merge(l.symbol.symbol(), perUnit, BigDecimal::add);
            paid.put(l.symbol.symbol(), perUnit);
        }
        return paid;
    }

    /**
     * @param model   the shared market model
     * @param step    the step the ladders are quoted at
     * @param ladders every symbol's ladder, in publication order
     * @return the {@code tickers} message
     */
    String message(final MarketModel model, final long step, final Iterable<VestSimLadder> ladders) {
        final StringBuilder sb = new StringBuilder("{\"channel\":\"tickers\",\"data\":[");
        final double fair = model.fairPrice(step);
        int i = 0;
        for (final VestSimLadder l : ladders) {
            final int pd = l.symbol.priceDecimals();
            final BigDecimal index = BigDecimal.valueOf(fair * l.symbol.priceFactor()).setScale(pd, RoundingMode.HALF_EVEN);
            sb.append(i++ == 0 ? "" : ",").append("{\"symbol\":\"").append(l.symbol.symbol())
                .append("\",\"oneHrFundingRate\":\"").append(rateText(model.fundingRatePerHour(MarketModel.VENUE_A, step)))
                .append("\",\"cumFunding\":\"").append(cumFunding.getOrDefault(l.symbol.symbol(), BigDecimal.ZERO)
                    .setScale(FUNDING_SCALE, RoundingMode.HALF_EVEN).toPlainString())
                .append("\",\"imbalance\":\"0\"")
                .append(",\"indexPrice\":\"").append(index.toPlainString()).append("\",\"markPrice\":\"")
                .append(mark(l).toPlainString()).append("\",\"status\":\"TRADING\"}");
        }
        return sb.append("]}").toString();
    }

    private static String rateText(final double rate) {
        return BigDecimal.valueOf(rate).setScale(FUNDING_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * @param l a symbol's ladder
     * @return the quoted mid (the mark of {@code tickers}), USD at the symbol's price decimals
     */
    static BigDecimal mark(final VestSimLadder l) {
        final int pd = l.symbol.priceDecimals();
        return BigDecimal.valueOf(l.bidPrices[0] + l.askPrices[0], pd)
            .divide(BigDecimal.valueOf(2), pd, RoundingMode.HALF_EVEN);
    }
}
