package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.arb.api.WireTap;
import dev.arb.sim.MarketModel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public WebSocket frames a {@link ParadexSimulator} sends to one market-data session, produced on a virtual
 * clock without a socket: the session the bot's {@code ParadexAdapter} opens for {@code record} (it subscribes the
 * market's book channel with JSON-RPC id 1, then {@code markets_summary.{market}} with id 2). An SBE session's book
 * channel is the bare {@code order_book.{m}.deltas} (a SNAPSHOT on subscription, then a DELTA per step), a JSON
 * session's {@code order_book.{m}.snapshot@15@50ms} (a snapshot per step), as the adapter picks them. The frames
 * come from the simulator's own code: {@link SimExchange} quotes the book, {@link SimStepFrames} steps it and
 * encodes every channel's frame ({@link SimBookFeed}), {@code SimWsHandler} shapes the acknowledgements.
 *
 * <p>Virtual time: step {@code k} is published at {@code startEpochMs + k × stepMillis}, its venue timestamp
 * ({@code ts}, {@code last_updated_at}, {@code created_at}), exactly as the live simulator stamps step {@code k}
 * relative to its own start. The acknowledgements carry {@code usIn} = the subscription's virtual time and
 * {@code usDiff} 0 (live: the wall clock and the few µs the simulator took). The caller decides the receive time
 * written with each frame.
 *
 * <p><b>Note:</b> not thread-safe; one caller drives it. Deterministic: the same model seed, options and start
 * give the same frames.
 */
public final class ParadexFrameSource {
    /** Venue name passed to the {@link WireTap}. */
    public static final String VENUE = "paradex";

    private final MarketModel model;
    private final ParadexSimulator.Options options;
    private final long startEpochMs;
    private final boolean sbe;
    private final SimExchange exchange;
    private final Map<String, SimBookFeed> feeds = new HashMap<>();
    private final List<String> channels;

    /**
     * @param model        the shared seeded market model (Paradex quotes {@link MarketModel#VENUE_B})
     * @param options      the simulator's markets, book depth and funding period
     * @param market       the market whose book and summary are subscribed, e.g. {@code BTC-USD-PERP}
     * @param sbe          {@code true}: an SBE session (binary book and summary frames); {@code false}: JSON
     * @param startEpochMs virtual wall-clock time of step 0, ms since the epoch
     * @throws IllegalArgumentException if {@code market} is not one of the options' markets
     * @throws NullPointerException     if an argument is null
     */
    public ParadexFrameSource(final MarketModel model, final ParadexSimulator.Options options, final String market,
        final boolean sbe, final long startEpochMs) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.startEpochMs = startEpochMs;
        this.sbe = sbe;
        this.exchange = new SimExchange(model, options);
        for (final ParadexSimulator.Market m : options.markets()) {
            feeds.put(m.symbol(), new SimBookFeed(m.symbol(), exchange.book(m), 1,
                SimStepFrames.micros(model, startEpochMs, 0)));
        }
        if (!feeds.containsKey(Objects.requireNonNull(market, "market"))) {
            throw new IllegalArgumentException("the Paradex simulator does not list " + market + " (it lists "
                + options.markets().stream().map(ParadexSimulator.Market::symbol).toList() + ")");
        }
        this.channels = List.of(sbe ? "order_book." + market + ".deltas" : "order_book." + market + ".snapshot@15@50ms",
            "markets_summary." + market);
    }

    /** @return the subscribed channels, in subscription order: the book channel, then {@code markets_summary} */
    public List<String> channels() {
        return channels;
    }

    /**
     * The frames of the subscriptions: per channel its acknowledgement (ids 1, 2), and after the book channel's a
     * snapshot of the current book.
     *
     * @param tap           receives the frames
     * @param receivedNanos receive time written with them, ns
     */
    public void subscribe(final WireTap tap, final long receivedNanos) {
        final long usIn = SimStepFrames.micros(model, startEpochMs, exchange.step());
        for (int i = 0; i < channels.size(); i++) {
            final String channel = channels.get(i);
            write(tap, receivedNanos, new SimStepFrames.Frame(null, SimWsHandler.ackAt(channel, IntNode.valueOf(i + 1),
                usIn)));
            final SimStepFrames.Frame first = SimStepFrames.initial(feeds, channel, sbe);
            if (first != null) {
                write(tap, receivedNanos, first);
            }
        }
    }

    /**
     * Moves the model one step, as the simulator's step timer does (book sequence + 1), and sends each subscribed
     * channel's frame for it: the book DELTA (SBE) or snapshot (JSON), then the markets summary.
     *
     * @param tap           receives the frames
     * @param receivedNanos receive time written with them, ns
     */
    public void step(final WireTap tap, final long receivedNanos) {
        final SimStepFrames frames = SimStepFrames.advance(exchange, feeds, model, options, startEpochMs);
        for (final String channel : channels) {
            final SimStepFrames.Frame f = frames.frame(channel, sbe);
            if (f != null) {
                write(tap, receivedNanos, f);
            }
        }
    }

    /** @return the model step the book is quoted at (0 before the first {@link #step}) */
    public long currentStep() {
        return exchange.step();
    }

    private static void write(final WireTap tap, final long receivedNanos, final SimStepFrames.Frame f) {
        if (f.binary() != null) {
            tap.onFrame(VENUE, receivedNanos, true, f.binary(), 0, f.binary().length);
        } else {
            final byte[] bytes = f.text().getBytes(StandardCharsets.UTF_8);
            tap.onFrame(VENUE, receivedNanos, false, bytes, 0, bytes.length);
        }
    }
}
