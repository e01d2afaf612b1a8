package dev.arb.backtest;

import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueRegistry;
import dev.arb.capture.CaptureCursor;
import dev.arb.capture.CapturedFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Feeds a Paradex and a Vest capture, merged by receive time, through the venues' real decoders (each venue
 * module's {@link CapturedMarketFeed}, found in the {@link VenueRegistry}) into two
 * {@link BacktestVenue}s' books on the virtual clock: Paradex SBE (book snapshots and deltas, markets summary)
 * or JSON ({@code order_book} snapshots and deltas, {@code markets_summary}), Vest {@code @depth} and
 * {@code tickers}. Each frame first advances the clock to its receive time (so orders in flight fill against the
 * books they would have met), is decoded, publishes a changed book to the venue's listeners (the engine), and
 * then the clock's executor is drained, so the engine decides on every book change exactly as it would live.
 *
 * <p>Funding comes from the recordings: Paradex {@code funding_rate} (per the market's funding period, divided by
 * {@link #paradexFundingPeriodHours(double)}; API spec {@code MarketSummaryResp.funding_rate}: "not a normalized
 * 8h funding rate") and Vest {@code oneHrFundingRate} (already per hour; Vest API docs, {@code tickers}).
 *
 * <p>A malformed frame is counted ({@link #malformed()}) and handled as the live adapters do: a Paradex delta
 * that does not follow (or cannot be read) leaves the book invalid until the next snapshot; a malformed Vest
 * {@code @depth} frame leaves the book as it was (each frame is a full snapshot). It never ends the run. A capture
 * line that is not a frame record (a line cut when the recorder was killed) is skipped and counted
 * ({@link #malformedLines()}, {@link #firstMalformedLine()}).
 *
 * <p><b>Note:</b> not thread-safe: one run on the calling thread, which is the virtual clock's engine thread.
 * Steady state allocates nothing per book frame (the captures are read by {@link CaptureCursor}); a Vest
 * {@code tickers} frame (about one a second) is parsed into a Jackson tree.
 */
public final class PairedCaptureFeed {
    /** Paradex's default funding period, hours (docs, "Funding Mechanism": "Funding Period 8h"). */
    public static final double DEFAULT_PARADEX_FUNDING_PERIOD_HOURS = 8;

    private final VirtualTime time;
    private final BacktestVenue vest;
    private final String vestMarket;
    private final BacktestVenue paradex;
    private final String paradexMarket;
    private final Runnable vestPublisher;
    private final Runnable paradexPublisher;
    private final CapturedMarketFeed vestFeed;
    private final CapturedMarketFeed paradexFeed;
    private CaptureCursor paradexLines;
    private CaptureCursor vestLines;
    private double paradexPeriodHours = DEFAULT_PARADEX_FUNDING_PERIOD_HOURS;
    private long frames;
    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos;

    /**
     * @param time          the virtual clock the venues and the engine run on
     * @param vest          the Vest backtest venue (its book for {@code vestMarket} is written)
     * @param vestMarket    Vest symbol, e.g. {@code BTC-PERP}
     * @param paradex       the Paradex backtest venue
     * @param paradexMarket Paradex symbol, e.g. {@code BTC-USD-PERP}
     * @throws NullPointerException if an argument is null
     */
    public PairedCaptureFeed(final VirtualTime time, final BacktestVenue vest, final String vestMarket,
        final BacktestVenue paradex, final String paradexMarket) {
        this.time = Objects.requireNonNull(time, "time");
        this.vest = Objects.requireNonNull(vest, "vest");
        this.vestMarket = Objects.requireNonNull(vestMarket, "vestMarket");
        this.paradex = Objects.requireNonNull(paradex, "paradex");
        this.paradexMarket = Objects.requireNonNull(paradexMarket, "paradexMarket");
        this.vestPublisher = vest.publisher(vestMarket);
        this.paradexPublisher = paradex.publisher(paradexMarket);
        this.vestFeed = VenueRegistry.module("vest").capturedMarketFeed(vestMarket, vest.book(vestMarket),
            new CapturedMarketFeed.Listener() {
                @Override
                public void onFundingRate(final double ratePerHour) {
                    vest.setFundingRatePerHour(vestMarket, ratePerHour);
                }
            });
        this.paradexFeed = VenueRegistry.module("paradex").capturedMarketFeed(paradexMarket, paradex.book(paradexMarket),
            new CapturedMarketFeed.Listener() {
                @Override
                public void onFundingRate(final double perPeriod) {
                    paradexFunding(perPeriod);
                }
            });
    }

    /**
     * @param hours the Paradex market's {@code funding_period_hours} ({@code GET /markets}), &gt; 0
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public PairedCaptureFeed paradexFundingPeriodHours(final double hours) {
        if (!(hours > 0)) {
            throw new IllegalArgumentException("funding period must be > 0 hours, got " + hours);
        }
        this.paradexPeriodHours = hours;
        return this;
    }

    /**
     * Replays both captures to their end.
     *
     * @param paradexCapture the Paradex capture (record format, SBE binary or JSON text frames)
     * @param vestCapture    the Vest capture
     * @param afterFrame     called after each frame once the engine has drained, with the frame's receive time
     *                       (ns), or null
     * @throws IOException if reading fails
     */
    public void run(final InputStream paradexCapture, final InputStream vestCapture, final LongConsumer afterFrame)
        throws IOException {
        final CaptureCursor pr = new CaptureCursor(paradexCapture).skipMalformedLines(true);
        final CaptureCursor vr = new CaptureCursor(vestCapture).skipMalformedLines(true);
        paradexLines = pr;
        vestLines = vr;
        boolean pHas = pr.next();
        boolean vHas = vr.next();
        while (pHas || vHas) {
            final boolean takeParadex = !vHas || pHas && pr.receivedNanos() <= vr.receivedNanos();
            final CaptureCursor f = takeParadex ? pr : vr;
            final long now = f.receivedNanos();
            if (firstNanos == Long.MIN_VALUE) {
                firstNanos = now;
            }
            lastNanos = now;
            time.advanceTo(Math.max(now, time.nanoTime()));
            frames++;
            if (takeParadex) {
                paradexFrame(f, now);
                pHas = pr.next();
            } else {
                vestFrame(f, now);
                vHas = vr.next();
            }
            time.runUntilIdle();
            if (afterFrame != null) {
                afterFrame.accept(now);
            }
        }
    }

    private void paradexFrame(final CaptureCursor f, final long now) {
        if (paradexFeed.onFrame(f.opcode() == CapturedFrame.Opcode.BINARY, f.buffer(), f.length(), now)) {
            paradexPublisher.run();
        }
    }

    private void vestFrame(final CaptureCursor f, final long now) {
        if (vestFeed.onFrame(f.opcode() == CapturedFrame.Opcode.BINARY, f.buffer(), f.length(), now)) {
            vestPublisher.run();
        }
    }

    private void paradexFunding(final double perPeriod) {
        paradex.setFundingRatePerHour(paradexMarket, perPeriod / paradexPeriodHours);
    }

    /** @return frames fed so far (both venues) */
    public long frames() {
        return frames;
    }

    /** @return malformed frames so far: Vest depth and tickers, Paradex JSON and SBE (wrong schema included) */
    public long malformed() {
        return vestFeed.malformedFrames() + paradexFeed.malformedFrames();
    }

    /** @return capture lines skipped as not frame records (e.g. a last line cut when the recorder stopped) */
    public long malformedLines() {
        return (paradexLines == null ? 0 : paradexLines.malformedLines())
            + (vestLines == null ? 0 : vestLines.malformedLines());
    }

    /** @return the first skipped line of each capture, e.g. {@code "paradex: line 7: not JSON …"}, or null if none */
    public String firstMalformedLine() {
        final StringBuilder b = new StringBuilder();
        if (paradexLines != null && paradexLines.malformedLines() > 0) {
            b.append("paradex: ").append(paradexLines.firstMalformedReason());
        }
        if (vestLines != null && vestLines.malformedLines() > 0) {
            b.append(b.length() > 0 ? "; " : "").append("vest: ").append(vestLines.firstMalformedReason());
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** @return receive time of the first frame, ns, or {@link Long#MIN_VALUE} before any */
    public long firstNanos() {
        return firstNanos;
    }

    /** @return receive time of the last frame, ns (0 before any) */
    public long lastNanos() {
        return lastNanos;
    }
}
