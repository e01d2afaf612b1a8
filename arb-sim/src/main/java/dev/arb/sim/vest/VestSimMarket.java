package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated Vest market and its clock: per symbol the AMM's quote ladder at the model's current step
 * ({@link VestSimLadder}), the {@code tickers} channel with its cumulative funding ({@link VestSimTickers}), and
 * the step itself: move the model one step, re-quote every ladder around
 * {@code model.venueMid(VENUE_A, step)}, settle funding and liquidations ({@link VestSimSettlement}) and publish
 * the depth snapshots and {@code tickers} to the subscribers ({@link VestSimStreams}).
 *
 * <p><b>Note:</b> not thread-safe: the ladders are written on the simulator's event loop (each step); the step
 * is volatile and the ladders' symbols immutable, so other threads may read those.
 */
final class VestSimMarket {
    private final MarketModel model;
    private final long fundingHourMs;
    private final Map<String, VestSimLadder> ladders = new LinkedHashMap<>();
    /** The {@code tickers} channel and its cumulative funding (written on the event loop). */
    private final VestSimTickers tickers = new VestSimTickers();
    private final VestSimSettlement settlement;
    private final VestSimStreams streams;
    private volatile long step;

    /**
     * Quotes every symbol of {@code options} at step 0.
     *
     * @param model    the shared market model
     * @param options  symbols, ladder shape, funding hour
     * @param accounts the accounts funding and liquidations settle into
     * @param streams  the subscribers each step is published to
     */
    VestSimMarket(final MarketModel model, final VestSimulator.Options options, final VestSimAccounts accounts,
        final VestSimStreams streams) {
        this.model = model;
        this.fundingHourMs = options.fundingHourMs();
        this.streams = streams;
        for (final VestSimulator.SimSymbol s : options.symbols()) {
            final VestSimLadder ladder = new VestSimLadder(s, options);
            ladder.quote(model, 0);
            ladders.put(s.symbol(), ladder);
        }
        this.settlement = new VestSimSettlement(accounts, ladders);
    }

    /** @return the ladder of {@code symbol}, or null if the simulator does not quote it */
    VestSimLadder ladder(final String symbol) {
        return ladders.get(symbol);
    }

    /** @return every ladder, in the order of the options' symbols */
    Iterable<VestSimLadder> ladders() {
        return ladders.values();
    }

    /** @return the model step last quoted */
    long step() {
        return step;
    }

    /**
     * @param symbol market
     * @return the current depth message of that market
     */
    String depthMessage(final String symbol) {
        return ladders.get(symbol).depthMessage(System.currentTimeMillis());
    }

    /** @return the current {@code tickers} message */
    String tickersMessage() {
        return tickers.message(model, step, ladders.values());
    }

    /** @return the account's margin at the current quotes (what {@code GET /account} reports) */
    VestSimMargin margin(final VestSimAccount account) {
        return VestSimMargin.of(account, ladders);
    }

    /**
     * Moves the model one step, re-quotes every ladder, pays a funding hour when one ended, liquidates, and
     * publishes the depth snapshots and {@code tickers} (event loop).
     *
     * @return {@link System#nanoTime()} just before the first frame is written
     */
    long stepAndPublish() {
        final long next = step + 1;
        step = next;
        final long now = System.currentTimeMillis();
        final List<String> channels = new ArrayList<>(ladders.size() + 1);
        final List<String> messages = new ArrayList<>(ladders.size() + 1);
        for (final VestSimLadder ladder : ladders.values()) {
            ladder.quote(model, next);
            channels.add(ladder.symbol.symbol() + "@depth");
            messages.add(ladder.depthMessage(now));
        }
        settlement.payFunding(tickers.onStep(model, next, fundingHourMs, ladders.values()));
        settlement.liquidate();
        return streams.publishStep(channels, messages, this::tickersMessage);
    }
}
