package dev.arb.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import dev.arb.capture.CaptureCursor;
import dev.arb.capture.CapturedFrame;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.sbe.MarketSummaryUpdate;
import dev.arb.paradex.sbe.ParadexSbe;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.vest.internal.VestDepthDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Feeds a Paradex and a Vest capture, merged by receive time, through the venues' real decoders into two
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
 * {@code tickers} frame goes through Jackson's streaming parser (a parser and two strings per frame).
 */
public final class PairedCaptureFeed {
    /** Paradex's default funding period, hours (docs, "Funding Mechanism": "Funding Period 8h"). */
    public static final double DEFAULT_PARADEX_FUNDING_PERIOD_HOURS = 8;

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] TICKERS = "{\"channel\":\"tickers\"".getBytes(StandardCharsets.US_ASCII);

    private final VirtualTime time;
    private final BacktestVenue vest;
    private final String vestMarket;
    private final BacktestVenue paradex;
    private final String paradexMarket;
    private final OrderBook vBook;
    private final OrderBook pBook;
    private final Runnable vestPublisher;
    private final Runnable paradexPublisher;
    private final ParadexSbeDecoder sbe;
    private final MarketBookState pJson;
    private final BookFeed json;
    private final VestDepthDecoder vestDecoder = new VestDepthDecoder();
    private final byte[] vestChannel;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private CaptureCursor paradexLines;
    private CaptureCursor vestLines;
    private double paradexPeriodHours = DEFAULT_PARADEX_FUNDING_PERIOD_HOURS;
    private long frames;
    private long vestMalformed;
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
        this.vBook = vest.book(vestMarket);
        this.pBook = paradex.book(paradexMarket);
        this.vestPublisher = vest.publisher(vestMarket);
        this.paradexPublisher = paradex.publisher(paradexMarket);
        this.sbe = new ParadexSbeDecoder(new ParadexSbeListener() {
            @Override
            public void onMarketSummary(final MarketSummaryUpdate summary) {
                if (paradexMarket.equals(summary.market())) {
                    final long precise = summary.fundingRatePrecise();
                    paradexFunding(precise != ParadexSbe.NULL_VALUE
                        ? precise / Math.pow(10, ParadexSbe.PRECISE_RATE_SCALE)
                        : summary.fundingRate() / Math.pow(10, ParadexSbe.RATE_SCALE));
                }
            }
        });
        sbe.addBook(pBook);
        this.pJson = new MarketBookState(paradexMarket, "order_book." + paradexMarket, 256);
        this.json = new BookFeed(s -> { });
        json.add(pJson);
        vestDecoder.rejectUnsorted(false);
        this.vestChannel = (vestMarket + "@depth").getBytes(StandardCharsets.US_ASCII);
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
        final long seq = pBook.sequence();
        final boolean valid = pBook.isValid();
        if (f.opcode() == CapturedFrame.Opcode.BINARY) {
            view.wrap(f.buffer(), 0, f.length());
            sbe.decode(view, 0, f.length(), now);
        } else {
            final long jsonSeq = pJson.book().sequence();
            final boolean jsonValid = pJson.book().isValid();
            final double rate = pJson.fundingRate();
            json.onFrame(f.buffer(), 0, f.length(), now);
            if (pJson.book().sequence() != jsonSeq || pJson.book().isValid() != jsonValid) {
                pBook.copyFrom(pJson.book()); // a JSON book frame (the SBE path writes pBook itself)
            }
            final double after = pJson.fundingRate();
            if (Double.doubleToLongBits(after) != Double.doubleToLongBits(rate) && !Double.isNaN(after)) {
                paradexFunding(after);
            }
        }
        if (pBook.sequence() != seq || pBook.isValid() != valid) {
            paradexPublisher.run();
        }
    }

    private void vestFrame(final CaptureCursor f, final long now) {
        final byte[] bytes = f.buffer();
        final int length = f.length();
        if (startsWith(bytes, length, TICKERS)) {
            vestFunding(bytes, length);
            return;
        }
        try {
            if (vestDecoder.scan(bytes, 0, length) == VestDepthDecoder.FRAME_CHANNEL
                && vestDecoder.isDepthChannel() && vestDecoder.channelEquals(vestChannel)) {
                vestDecoder.applyDepth(vBook, now);
                vestPublisher.run();
            }
        } catch (final MalformedMessageException e) {
            vestMalformed++; // as live: Vest sends a full snapshot per frame, so the book stays as it was
        }
    }

    private void paradexFunding(final double perPeriod) {
        paradex.setFundingRatePerHour(paradexMarket, perPeriod / paradexPeriodHours);
    }

    /**
     * Vest {@code tickers}: {@code data[].oneHrFundingRate} of our symbol, already per hour (Vest API docs: funding
     * is hourly). Read with Jackson's streaming parser (no tree).
     */
    private void vestFunding(final byte[] bytes, final int length) {
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            String symbol = null;
            String rate = null;
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT) {
                    depth++;
                    if (depth == 2) {
                        symbol = null;
                        rate = null;
                    }
                } else if (t == JsonToken.END_OBJECT) {
                    if (depth == 2 && vestMarket.equals(symbol) && rate != null) {
                        vest.setFundingRatePerHour(vestMarket, Double.parseDouble(rate));
                    }
                    depth--;
                } else if (depth == 2 && (t == JsonToken.VALUE_STRING || t.isNumeric())) {
                    final String name = p.currentName();
                    if ("symbol".equals(name)) {
                        symbol = p.getText();
                    } else if ("oneHrFundingRate".equals(name)) {
                        rate = p.getText();
                    }
                }
            }
        } catch (final IOException | NumberFormatException e) {
            vestMalformed++; // the last known rate stays
        }
    }

    private static boolean startsWith(final byte[] bytes, final int length, final byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return frames fed so far (both venues) */
    public long frames() {
        return frames;
    }

    /** @return malformed frames so far: Vest depth and tickers, Paradex JSON and SBE */
    public long malformed() {
        return vestMalformed + json.malformedMessages() + sbe.malformedFrames();
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
