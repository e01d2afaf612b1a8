package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the simulated Paradex market data: moves the exchange one model step, moves every market's
 * {@link SimBookFeed} to the new book, and answers which frame a subscribed channel gets for the step (SBE or JSON,
 * encoded once per step and channel kind, then shared by every session). Shared by the live
 * {@link ParadexSimulator} and the virtual-time {@link ParadexFrameSource}, so both send the same bytes for a
 * step; {@link #initial} is the first frame of a new book or BBO subscription.
 *
 * <p>Channels with per-step frames: {@code order_book.{m}.deltas[…]} (a DELTA), {@code order_book.{m}.snapshot@…}
 * (a SNAPSHOT), {@code bbo.{m}} and {@code markets_summary.{m}} (mark = index = the book's mid, {@code funding_rate}
 * per funding period); other channels (trades, private) get none.
 *
 * <p><b>Note:</b> not thread-safe; used on the thread that steps the market.
 */
final class SimStepFrames {
    /**
     * A frame to send: SBE binary when {@code binary} is not null, else JSON {@code text}.
     *
     * @param binary SBE frame, or null
     * @param text   JSON text, or null
     */
    record Frame(byte[] binary, String text) {
    }

    private final Map<String, SimBookFeed> feeds;
    private final Map<String, List<long[]>> changes;
    private final Map<String, SimExchange.Book> before;
    private final double fundingRatePerPeriod;
    private final Map<String, byte[]> binary = new HashMap<>();
    private final Map<String, String> text = new HashMap<>();

    private SimStepFrames(final Map<String, SimBookFeed> feeds, final Map<String, List<long[]>> changes,
        final Map<String, SimExchange.Book> before, final double fundingRatePerPeriod) {
        this.feeds = feeds;
        this.changes = changes;
        this.before = before;
        this.fundingRatePerPeriod = fundingRatePerPeriod;
    }

    /**
     * Venue time of a step: {@code (startMs + model.stepTimeMs(step)) × 1000}.
     *
     * @param model   the shared model
     * @param startMs wall-clock time of step 0, ms since the epoch
     * @param step    model step
     * @return venue time, µs since the epoch
     */
    static long micros(final MarketModel model, final long startMs, final long step) {
        return (startMs + model.stepTimeMs(step)) * 1000;
    }

    /**
     * Advances the exchange one step (funding accrues) and every market's feed to its new book (sequence + 1).
     *
     * @param exchange the exchange (its step moves)
     * @param feeds    every market's feed, by symbol (each moves to the new book)
     * @param model    the shared model
     * @param options  markets and funding period
     * @param startMs  wall-clock time of step 0, ms since the epoch
     * @return the step's frames
     */
    static SimStepFrames advance(final SimExchange exchange, final Map<String, SimBookFeed> feeds,
        final MarketModel model, final ParadexSimulator.Options options, final long startMs) {
        exchange.advance();
        return ofCurrentStep(exchange, feeds, model, options, startMs);
    }

    /**
     * As {@link #advance}, but straight on to model step {@code target} ({@link SimExchange#advanceTo}): funding
     * accrues for every step passed, and the feeds move once (sequence + 1), to the book at {@code target}.
     *
     * @param exchange the exchange (its step moves)
     * @param target   the model step to quote at
     * @param feeds    every market's feed, by symbol (each moves to the new book)
     * @param model    the shared model
     * @param options  markets and funding period
     * @param startMs  wall-clock time of step 0, ms since the epoch
     * @return the step's frames, or null (nothing moved) if the exchange is already at or past {@code target}
     */
    static SimStepFrames advanceTo(final SimExchange exchange, final long target, final Map<String, SimBookFeed> feeds,
        final MarketModel model, final ParadexSimulator.Options options, final long startMs) {
        return exchange.advanceTo(target) ? ofCurrentStep(exchange, feeds, model, options, startMs) : null;
    }

    private static SimStepFrames ofCurrentStep(final SimExchange exchange, final Map<String, SimBookFeed> feeds,
        final MarketModel model, final ParadexSimulator.Options options, final long startMs) {
        final long step = exchange.step();
        final long ts = micros(model, startMs, step);
        final Map<String, List<long[]>> changes = new HashMap<>();
        final Map<String, SimExchange.Book> before = new HashMap<>();
        for (final ParadexSimulator.Market m : options.markets()) {
            final SimBookFeed feed = feeds.get(m.symbol());
            before.put(m.symbol(), feed.last());
            changes.put(m.symbol(), feed.step(exchange.book(m), ts));
        }
        return new SimStepFrames(feeds, changes, before, fundingRatePerPeriod(model, options, step));
    }

    /**
     * @param model   the shared model
     * @param options the funding period
     * @param step    model step
     * @return the published {@code funding_rate} at the step: the model's venue-B rate per hour times
     *     {@link ParadexSimulator.Options#fundingPeriodHours()} (Paradex quotes the rate per funding period)
     */
    static double fundingRatePerPeriod(final MarketModel model, final ParadexSimulator.Options options,
        final long step) {
        return model.fundingRatePerHour(MarketModel.VENUE_B, step) * options.fundingPeriodHours();
    }

    /**
     * @param channel a subscribed channel
     * @param sbe     {@code true} for an SBE session
     * @return the channel's frame for this step, or null if the channel has none
     */
    Frame frame(final String channel, final boolean sbe) {
        final String summaryMarket = SimChannels.summaryChannelMarket(channel);
        if (summaryMarket != null) {
            final SimBookFeed feed = feeds.get(summaryMarket);
            if (feed == null) {
                return null;
            }
            final long mid = (feed.last().bidPrices()[0] + feed.last().askPrices()[0]) / 2;
            return sbe ? new Frame(binary.computeIfAbsent("m|" + summaryMarket,
                k -> feed.sbeMarketSummary(mid, mid, fundingRatePerPeriod)), null)
                : new Frame(null, text.computeIfAbsent(channel,
                    c -> feed.jsonMarketSummary(c, mid, mid, fundingRatePerPeriod)));
        }
        final String market = SimChannels.bookChannelMarket(channel);
        final String bboMarket = SimChannels.bboChannelMarket(channel);
        final SimBookFeed feed = feeds.get(market != null ? market : bboMarket == null ? "" : bboMarket);
        if (feed == null) {
            return null;
        }
        final boolean delta = market != null && SimChannels.isDeltaChannel(channel);
        if (sbe) {
            final String key = (market != null ? delta ? "d|" : "s|" : "b|") + (market != null ? market : bboMarket);
            return new Frame(binary.computeIfAbsent(key, k -> market == null ? feed.sbeBbo()
                : delta ? feed.sbeDelta(changes.get(market)) : feed.sbeSnapshot()), null);
        }
        return new Frame(null, text.computeIfAbsent(channel, c -> market == null ? feed.jsonBbo(c)
            : delta ? feed.jsonDelta(c, changes.get(market), before.get(market)) : feed.jsonSnapshot(c)));
    }

    /**
     * @param feeds   every market's feed, by symbol
     * @param channel a newly subscribed channel
     * @param sbe     {@code true} for an SBE session
     * @return the first frame of a book or BBO subscription (a snapshot of the last published book), or null for
     *     other channels
     */
    static Frame initial(final Map<String, SimBookFeed> feeds, final String channel, final boolean sbe) {
        final String market = SimChannels.bookChannelMarket(channel);
        final String bboMarket = SimChannels.bboChannelMarket(channel);
        if (market == null && bboMarket == null) {
            return null;
        }
        final SimBookFeed feed = feeds.get(market != null ? market : bboMarket);
        if (feed == null) {
            return null;
        }
        if (market != null) {
            return sbe ? new Frame(feed.sbeSnapshot(), null) : new Frame(null, feed.jsonSnapshot(channel));
        }
        return sbe ? new Frame(feed.sbeBbo(), null) : new Frame(null, feed.jsonBbo(channel));
    }
}
