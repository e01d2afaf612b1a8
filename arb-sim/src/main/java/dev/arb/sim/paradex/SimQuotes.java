package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The simulated Paradex's book at the current model step: the step counter and the CLOB-like ladder of
 * {@link ParadexSimulator.Options#bookDepth()} levels a side, one tick wide, quoted around
 * {@code model.venueMid(VENUE_B, step)} snapped down to the tick (best ask one tick above the best bid); level
 * {@code i} (0-based) of either side holds {@code levelSizeSteps × (i + 1)} size increments.
 *
 * <p><b>Note:</b> not thread-safe: the step is guarded by the monitor of the owning {@link SimExchange}; call only
 * while holding it.
 */
final class SimQuotes {
    private final MarketModel model;
    private final ParadexSimulator.Options options;
    private final Map<String, ParadexSimulator.Market> markets;
    private long step;

    /**
     * @param model   the shared model (Paradex quotes {@link MarketModel#VENUE_B})
     * @param options book depth and level sizes
     * @param markets the simulated markets by symbol
     */
    SimQuotes(final MarketModel model, final ParadexSimulator.Options options,
        final Map<String, ParadexSimulator.Market> markets) {
        this.model = model;
        this.options = options;
        this.markets = markets;
    }

    /** @return the model step the book is quoted at (0 before the first {@link #nextStep()}) */
    long step() {
        return step;
    }

    /** Moves the book one model step on. */
    void nextStep() {
        step++;
    }

    /**
     * @param m the market
     * @return its book at the current step
     */
    SimExchange.Book book(final ParadexSimulator.Market m) {
        final int depth = options.bookDepth();
        final long tick = SimExchange.fp(m.tickSize());
        final long stepSize = SimExchange.fp(m.orderSizeIncrement());
        final long mid = BigDecimal.valueOf(model.venueMid(MarketModel.VENUE_B, step)).movePointRight(SimExchange.SCALE)
            .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        final long bestBid = Math.floorDiv(mid, tick) * tick;
        final long[] bp = new long[depth];
        final long[] bs = new long[depth];
        final long[] ap = new long[depth];
        final long[] as = new long[depth];
        for (int i = 0; i < depth; i++) {
            bp[i] = bestBid - (long) i * tick;
            ap[i] = bestBid + (long) (i + 1) * tick;
            final long units = (long) options.levelSizeSteps() * (i + 1);
            bs[i] = units * stepSize;
            as[i] = units * stepSize;
        }
        return new SimExchange.Book(bp, bs, ap, as);
    }

    /**
     * @param market a simulated market's symbol
     * @return the mid of its book at the current step (best bid plus best ask, halved), scale 8
     */
    long mid(final String market) {
        return book(markets.get(market)).mid();
    }
}
