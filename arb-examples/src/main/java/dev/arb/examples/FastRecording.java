package dev.arb.examples;

import dev.arb.api.WireTap;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexFrameSource;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestFrameSource;
import dev.arb.sim.vest.VestSimulator;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code record --sim --fast}: the paired capture {@code record --sim} would write, produced on a virtual clock
 * with no socket and no waiting. The simulators' own frame sources ({@link ParadexFrameSource},
 * {@link VestFrameSource}) are stepped through the {@link MarketModel} and their frames go straight to the
 * capture writers with their virtual receive times.
 *
 * <p>The virtual schedule: both adapters subscribe at virtual time 0 (model step 0): Paradex gets its two
 * acknowledgements and the book snapshot, Vest its two acknowledgements and the first {@code @depth} snapshot.
 * Step {@code k} of both venues is sent at {@code k × stepMillis} for every {@code k ≥ 1} with
 * {@code k × stepMillis ≤ duration}; the Vest client's JSON {@code PING} is answered ({@code {"data":"PONG"}}) at
 * every multiple of the ping interval up to the duration, after that instant's step. A frame's receive time
 * ({@code t_ns}) is its virtual send time in ns since the epoch ({@code start} + elapsed virtual time): zero network
 * latency.
 *
 * <p>What differs from a real-time {@code record --sim} of the same seed: there the receive times are
 * {@link System#nanoTime()} readings (arbitrary origin) carrying the network and scheduling jitter, venue
 * timestamps and the acknowledgements' {@code usIn}/{@code usDiff} come from the wall clock, the adapters
 * subscribe a few tens of ms after the simulators start (so the first snapshot is of a later step) and the two
 * venues' step timers run out of phase by a few ms. The payloads of the steps (books, sequence numbers, deltas,
 * funding rates, {@code cumFunding}) are the same bytes; {@code ParadexFrameSourceTest} and
 * {@code VestFrameSourceTest} in arb-sim check this against the live simulators.
 *
 * <p><b>Note:</b> not thread-safe; runs on the calling thread. Deterministic: the same model, options, start and
 * duration give the same frames.
 */
final class FastRecording {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /**
     * What was produced.
     *
     * @param steps model steps sent per venue after the subscription
     * @param pongs Vest {@code PONG} frames
     */
    record Result(long steps, long pongs) {
    }

    private final MarketModel model;
    private final ParadexFrameSource paradex;
    private final VestFrameSource vest;
    private final long startEpochMs;
    private final long pingIntervalMs;

    /**
     * @param model          the shared seeded market model
     * @param paradex        the Paradex frame source, at step 0
     * @param vest           the Vest frame source, at step 0
     * @param startEpochMs   virtual wall-clock time of step 0, ms since the epoch (the sources' own start)
     * @param pingIntervalMs the Vest client's JSON {@code PING} interval, ms (&gt; 0)
     * @throws IllegalArgumentException if the ping interval or the model's step is not positive
     */
    FastRecording(final MarketModel model, final ParadexFrameSource paradex, final VestFrameSource vest,
        final long startEpochMs, final long pingIntervalMs) {
        this.model = Objects.requireNonNull(model, "model");
        this.paradex = Objects.requireNonNull(paradex, "paradex");
        this.vest = Objects.requireNonNull(vest, "vest");
        this.startEpochMs = startEpochMs;
        this.pingIntervalMs = pingIntervalMs;
        if (pingIntervalMs <= 0 || model.config().stepMillis() <= 0) {
            throw new IllegalArgumentException("the ping interval and the model step must be positive");
        }
    }

    /**
     * The sources of the default simulators ({@link ParadexSimulator.Options#defaults()},
     * {@link VestSimulator.Options#defaults()}), as {@code record --sim} starts them.
     *
     * @param model          the shared seeded market model
     * @param paradexMarket  Paradex market
     * @param vestMarket     Vest symbol
     * @param sbe            Paradex as SBE binary ({@code false}: JSON)
     * @param startEpochMs   virtual wall-clock time of step 0, ms since the epoch
     * @param pingIntervalMs the Vest client's JSON {@code PING} interval, ms
     * @return the recording
     * @throws IllegalArgumentException if a market is not simulated
     */
    static FastRecording ofDefaults(final MarketModel model, final String paradexMarket, final String vestMarket,
        final boolean sbe, final long startEpochMs, final long pingIntervalMs) {
        return new FastRecording(model, new ParadexFrameSource(model, ParadexSimulator.Options.defaults(),
            paradexMarket, sbe, startEpochMs), new VestFrameSource(model, VestSimulator.Options.defaults(), vestMarket,
            startEpochMs), startEpochMs, pingIntervalMs);
    }

    /**
     * Sends the subscriptions, then every step and {@code PONG} up to {@code duration} of virtual time.
     *
     * @param duration    virtual time to record (not negative)
     * @param paradexTap  receives the Paradex frames
     * @param vestTap     receives the Vest frames
     * @return steps and pongs sent
     * @throws IllegalArgumentException if the duration is negative
     */
    Result run(final Duration duration, final WireTap paradexTap, final WireTap vestTap) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        final long endMs = duration.toMillis();
        final long stepMs = model.config().stepMillis();
        paradex.subscribe(paradexTap, nanos(0));
        vest.subscribe(vestTap, nanos(0));
        long steps = 0;
        long pongs = 0;
        long nextPingMs = pingIntervalMs;
        for (long t = stepMs; t <= endMs; t += stepMs) {
            for (; nextPingMs < t; nextPingMs += pingIntervalMs) {
                vest.pong(vestTap, nanos(nextPingMs));
                pongs++;
            }
            paradex.step(paradexTap, nanos(t));
            vest.step(vestTap, nanos(t));
            steps++;
        }
        for (; nextPingMs <= endMs; nextPingMs += pingIntervalMs) {
            vest.pong(vestTap, nanos(nextPingMs));
            pongs++;
        }
        return new Result(steps, pongs);
    }

    private long nanos(final long virtualMs) {
        return Math.multiplyExact(startEpochMs + virtualMs, NANOS_PER_MILLI);
    }
}
