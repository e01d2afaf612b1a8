package dev.arb.sim.paradex;

import dev.arb.sim.MarketModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public market data of the live simulated Paradex: every market's {@link SimBookFeed} (one order-book sequence
 * number per market, advancing by one per step), moved one model step at a time with each subscribed session sent
 * its channels' frames for the step ({@link SimStepFrames}), and the first frame of a new book or BBO subscription.
 * Venue timestamps count from the wall-clock time of step 0.
 *
 * <p><b>Note:</b> thread-safe for the readers ({@link #bookSeq}, {@link #lastBook}, {@link #feed}); stepping, gaps
 * and initial frames run on the simulator's event loop only.
 */
final class SimMarketData {
    private final MarketModel model;
    private final ParadexSimulator.Options options;
    private final SimExchange exchange;
    private final SimSessions sessions;
    private final Map<String, SimBookFeed> feeds = new ConcurrentHashMap<>();
    private final long startMs;

    /**
     * @param model    the shared model
     * @param options  the markets
     * @param exchange quotes the books (its step moves with every {@link #stepAndPublish()})
     * @param sessions the sessions to publish to
     * @param startMs  wall-clock time of model step 0, ms since the epoch
     */
    SimMarketData(final MarketModel model, final ParadexSimulator.Options options, final SimExchange exchange,
        final SimSessions sessions, final long startMs) {
        this.model = model;
        this.options = options;
        this.exchange = exchange;
        this.sessions = sessions;
        this.startMs = startMs;
        for (final ParadexSimulator.Market m : options.markets()) {
            feeds.put(m.symbol(), new SimBookFeed(m.symbol(), exchange.book(m), 1,
                SimStepFrames.micros(model, startMs, exchange.step())));
        }
    }

    /**
     * Moves the model one step and writes every subscribed channel's frame for it to every session.
     *
     * @return {@link System#nanoTime()} just before the first frame is written
     */
    long stepAndPublish() {
        return publish(SimStepFrames.advance(exchange, feeds, model, options, startMs));
    }

    /**
     * Moves the model straight on to step {@code target} (funding accrues for every step passed) and writes every
     * subscribed channel's frame for it, once, to every session; nothing if the book is already there.
     *
     * @param target the model step to quote at
     * @return {@link System#nanoTime()} just before the first frame is written, or -1 if nothing moved
     */
    long stepToAndPublish(final long target) {
        final SimStepFrames frames = SimStepFrames.advanceTo(exchange, target, feeds, model, options, startMs);
        return frames == null ? -1 : publish(frames);
    }

    private long publish(final SimStepFrames frames) {
        final long nanos = System.nanoTime();
        for (final SimSession session : sessions.all()) {
            for (final String channel : session.channels()) {
                final SimStepFrames.Frame f = frames.frame(channel, session.sbe());
                if (f != null) {
                    session.write(f.binary(), f.text());
                }
            }
        }
        return nanos;
    }

    /** Writes the first frames of a new book or BBO subscription: a snapshot of the last published book. */
    void sendInitial(final SimSession session, final String channel) {
        final SimStepFrames.Frame f = SimStepFrames.initial(feeds, channel, session.sbe());
        if (f != null) {
            session.write(f.binary(), f.text());
        }
    }

    /** Skips one sequence number on every market's book channels at the next step. */
    void injectGap() {
        feeds.values().forEach(SimBookFeed::injectGap);
    }

    /**
     * @param market a market symbol
     * @return its feed, or null if the market is not simulated
     */
    SimBookFeed feed(final String market) {
        return feeds.get(market);
    }

    /** @return the sequence number of the market's last published book (tests) */
    long bookSeq(final String market) {
        return feeds.get(market).seq();
    }

    /** @return the market's last published book (tests) */
    SimExchange.Book lastBook(final String market) {
        return feeds.get(market).last();
    }

    /** @return the JSON snapshot message of the market's last published book on {@code channel} (tests) */
    String snapshotMessage(final String channel, final String market) {
        return feeds.get(market).jsonSnapshot(channel);
    }

    /** @return wall-clock time of model step 0, ms since the epoch (venue timestamps count from it) */
    long startEpochMs() {
        return startMs;
    }
}
