package dev.arb.sim.vest;

import dev.arb.api.WireTap;
import dev.arb.sim.MarketModel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The public WebSocket frames a {@link VestSimulator} sends to one market-data client, produced on a virtual clock
 * without a socket: the client the bot's {@code VestAdapter} opens for {@code record} (it subscribes
 * {@code tickers} with request id 1, then {@code {symbol}@depth} with id 2, and sends a JSON {@code PING} every
 * ping interval). The frames come from the simulator's own encoders ({@link VestSimLadder} for
 * {@code {symbol}@depth}, {@link VestSimTickers} for {@code tickers}, {@link VestSimStreamHandler} for the
 * acknowledgements and {@code PONG}), quoted from the same {@link MarketModel} steps, so a step's frames are the
 * bytes the live simulator would send for it.
 *
 * <p>Virtual time: step {@code k} is published at {@code startEpochMs + k × stepMillis}, which is also its
 * {@code tsMs} (the live simulator writes its wall clock there, so only that field differs from a live capture
 * of the same steps). The caller decides the receive time written with each frame.
 *
 * <p><b>Note:</b> not thread-safe; one caller drives it. Deterministic: the same model seed, options and start
 * give the same frames.
 */
public final class VestFrameSource {
    /** Venue name passed to the {@link WireTap}. */
    public static final String VENUE = "vest";

    private final MarketModel model;
    private final VestSimulator.Options options;
    private final long startEpochMs;
    private final Map<String, VestSimLadder> ladders = new LinkedHashMap<>();
    private final VestSimLadder subscribed;
    private final VestSimTickers tickers = new VestSimTickers();
    private long step;

    /**
     * Quotes every symbol of {@code options} at step 0.
     *
     * @param model        the shared seeded market model (Vest quotes {@link MarketModel#VENUE_A})
     * @param options      the simulator's symbols and ladder shape (stepping and listen-key settings are unused)
     * @param symbol       the symbol whose {@code @depth} channel is subscribed, e.g. {@code BTC-PERP}
     * @param startEpochMs virtual wall-clock time of step 0, ms since the epoch
     * @throws IllegalArgumentException if {@code symbol} is not one of the options' symbols
     * @throws NullPointerException     if an argument is null
     */
    public VestFrameSource(final MarketModel model, final VestSimulator.Options options, final String symbol,
        final long startEpochMs) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.startEpochMs = startEpochMs;
        for (final VestSimulator.SimSymbol s : options.symbols()) {
            final VestSimLadder ladder = new VestSimLadder(s, options);
            ladder.quote(model, 0);
            ladders.put(s.symbol(), ladder);
        }
        this.subscribed = ladders.get(Objects.requireNonNull(symbol, "symbol"));
        if (subscribed == null) {
            throw new IllegalArgumentException("the Vest simulator does not quote " + symbol + " (it quotes "
                + ladders.keySet() + ")");
        }
    }

    /**
     * The frames of the subscription: the {@code tickers} acknowledgement (id 1), the {@code @depth} one (id 2) and
     * the depth snapshot of the current step.
     *
     * @param tap           receives the frames
     * @param receivedNanos receive time written with them, ns
     */
    public void subscribe(final WireTap tap, final long receivedNanos) {
        text(tap, receivedNanos, VestSimStreamHandler.ack(1));
        text(tap, receivedNanos, VestSimStreamHandler.ack(2));
        text(tap, receivedNanos, subscribed.depthMessage(nowMs()));
    }

    /**
     * Moves the model one step, as the simulator's step timer does: re-quotes every ladder, pays a funding hour
     * into {@code cumFunding} when one ended, then sends the {@code @depth} snapshot and the {@code tickers}
     * message.
     *
     * @param tap           receives the frames
     * @param receivedNanos receive time written with them, ns
     */
    public void step(final WireTap tap, final long receivedNanos) {
        step++;
        for (final VestSimLadder l : ladders.values()) {
            l.quote(model, step);
        }
        tickers.onStep(model, step, options.fundingHourMs(), ladders.values());
        text(tap, receivedNanos, subscribed.depthMessage(nowMs()));
        text(tap, receivedNanos, tickers.message(model, step, ladders.values()));
    }

    /**
     * The simulator's answer to the client's JSON {@code PING}.
     *
     * @param tap           receives the frame
     * @param receivedNanos receive time written with it, ns
     */
    public void pong(final WireTap tap, final long receivedNanos) {
        text(tap, receivedNanos, VestSimStreamHandler.PONG);
    }

    /** @return the model step last quoted (0 before the first {@link #step}) */
    public long currentStep() {
        return step;
    }

    private long nowMs() {
        return startEpochMs + model.stepTimeMs(step);
    }

    private static void text(final WireTap tap, final long receivedNanos, final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tap.onFrame(VENUE, receivedNanos, false, bytes, 0, bytes.length);
    }
}
