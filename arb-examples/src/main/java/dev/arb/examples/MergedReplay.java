package dev.arb.examples;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueRegistry;
import dev.arb.capture.CaptureFormatException;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Replays one Paradex and one Vest capture (JSON Lines, {@link CaptureReader}) over their merged timeline (by
 * {@code t_ns}) through the real decoders and books (each venue module's {@link CapturedMarketFeed} from the
 * {@link VenueRegistry}: Paradex SBE binary and JSON book frames, Vest {@code {symbol}@depth} snapshots) and runs
 * {@link SpreadCalculator} after every frame that touched a book. Book A is
 * Vest, book B is Paradex, both taker (IOC) legs; "now" is the frame's {@code t_ns}, so book ages are those of
 * the recording.
 *
 * <p>Prints one line per opportunity it would have taken: when a direction's net spread reaches the threshold
 * after being below it (edge-triggered, one line per crossing):
 * {@code OPPORTUNITY <t_ns> buy=<venue> sell=<venue> net_bps=<x.xx> gross_bps=<x.xx> vest=<bid>/<ask>
 * paradex=<bid>/<ask>}; {@code GAP paradex <expected> <got>} (or {@code ?} when the frame does not say) when the Paradex book sequence
 * breaks, {@code CROSSED paradex ...} when it crosses; and at the end
 * {@code SUMMARY paradex_frames=<n> vest_frames=<n> computed=<n> opportunities=<n> malformed=<n>}.
 *
 * <p><b>Note:</b> stateless between calls; each {@link #run} uses its own decoders and books. Not thread-safe
 * within a call.
 */
final class MergedReplay {
    private static final int SCALE = 8;

    private final String paradexMarket;
    private final String vestMarket;
    private final SpreadConfig spreadConfig;
    private final double minNetBps;

    /**
     * @param paradexMarket Paradex symbol, e.g. {@code BTC-USD-PERP}
     * @param vestMarket    Vest symbol, e.g. {@code BTC-PERP}
     * @param spreadConfig  fees (A = Vest, B = Paradex), size and maximum book age
     * @param minNetBps     net spread, bps, at or above which a direction is an opportunity
     */
    MergedReplay(final String paradexMarket, final String vestMarket, final SpreadConfig spreadConfig,
        final double minNetBps) {
        this.paradexMarket = paradexMarket;
        this.vestMarket = vestMarket;
        this.spreadConfig = spreadConfig;
        this.minNetBps = minNetBps;
    }

    /**
     * @param paradex the Paradex capture
     * @param vest    the Vest capture
     * @param out     where the lines go
     * @return opportunities printed
     * @throws CaptureLineException if a line of either capture is not a frame record, or not valid UTF-8 when the
     *                              reader is a {@link Utf8LineReader} (names the capture and the line); the lines
     *                              before it have been printed
     * @throws IOException          if reading fails
     */
    long run(final Reader paradex, final Reader vest, final PrintStream out) throws IOException {
        final CaptureReader pr = new CaptureReader(paradex);
        final CaptureReader vr = new CaptureReader(vest);
        final OrderBook pBook = new OrderBook("paradex", paradexMarket, SCALE, SCALE, 256);
        final CapturedMarketFeed paradexFeed = VenueRegistry.module("paradex").capturedMarketFeed(paradexMarket, pBook,
            new CapturedMarketFeed.Listener() {
                @Override
                public void onResync(final String reason, final long expectedSeq, final long receivedSeq) {
                    out.println(reason + " paradex " + expectedSeq + ' ' + (receivedSeq < 0 ? "?" : receivedSeq));
                }
            });
        final OrderBook vBook = new OrderBook("vest", vestMarket, SCALE, SCALE, 64);
        final CapturedMarketFeed vestFeed = VenueRegistry.module("vest").capturedMarketFeed(vestMarket, vBook,
            CapturedMarketFeed.Listener.NONE);
        final SpreadCalculator calculator = new SpreadCalculator(spreadConfig);
        final SpreadSnapshot snap = new SpreadSnapshot();

        CapturedFrame p = next(pr, "paradex");
        CapturedFrame v = next(vr, "vest");
        long pFrames = 0;
        long vFrames = 0;
        long computed = 0;
        long opportunities = 0;
        boolean entryOpen = false;
        boolean exitOpen = false;
        while (p != null || v != null) {
            final boolean takeParadex = v == null || p != null && p.receivedNanos() <= v.receivedNanos();
            final CapturedFrame f = takeParadex ? p : v;
            final long now = f.receivedNanos();
            if (takeParadex) {
                pFrames++;
                final byte[] bytes = f.opcode() == CapturedFrame.Opcode.BINARY ? f.payload()
                    : f.text().getBytes(StandardCharsets.UTF_8);
                paradexFeed.onFrame(f.opcode() == CapturedFrame.Opcode.BINARY, bytes, bytes.length, now);
                p = next(pr, "paradex");
            } else {
                vFrames++;
                final byte[] bytes = f.text() == null ? f.payload() : f.text().getBytes(StandardCharsets.UTF_8);
                vestFeed.onFrame(f.text() == null, bytes, bytes.length, now);
                v = next(vr, "vest");
            }
            if (!vBook.isValid() || !pBook.isValid()) {
                entryOpen = false;
                exitOpen = false;
                continue;
            }
            calculator.compute(vBook, pBook, now, snap);
            computed++;
            if (!snap.usable()) {
                continue;
            }
            final boolean entry = snap.buyASellBNetPct() * 100 >= minNetBps;
            final boolean exit = snap.buyBSellANetPct() * 100 >= minNetBps;
            if (entry && !entryOpen) {
                opportunities++;
                print(out, now, "vest", "paradex", snap.buyASellBNetPct(), snap.buyASellBPct(), snap);
            }
            if (exit && !exitOpen) {
                opportunities++;
                print(out, now, "paradex", "vest", snap.buyBSellANetPct(), snap.buyBSellAPct(), snap);
            }
            entryOpen = entry;
            exitOpen = exit;
        }
        out.println("SUMMARY paradex_frames=" + pFrames + " vest_frames=" + vFrames + " computed=" + computed
            + " opportunities=" + opportunities + " malformed=" + (vestFeed.malformedFrames()
            + paradexFeed.malformedFrames()));
        out.flush();
        return opportunities;
    }

    private static CapturedFrame next(final CaptureReader r, final String which) throws IOException {
        try {
            return r.next();
        } catch (final CaptureFormatException e) {
            final String m = e.getMessage();
            final int at = m.indexOf("capture line ");
            final int colon = at < 0 ? -1 : m.indexOf(": ", at);
            final String detail = colon < 0 ? m : m.substring(colon + 2);
            throw new CaptureLineException(which, e.lineNumber(), "line " + e.lineNumber() + ": " + detail, e);
        } catch (final Utf8LineReader.InvalidUtf8Exception e) {
            throw new CaptureLineException(which, e.lineNumber(), e.getMessage(), e);
        }
    }

    private static void print(final PrintStream out, final long now, final String buy, final String sell,
        final double netPct, final double grossPct, final SpreadSnapshot s) {
        out.println("OPPORTUNITY " + now + " buy=" + buy + " sell=" + sell
            + " net_bps=" + String.format(Locale.ROOT, "%.2f", netPct * 100)
            + " gross_bps=" + String.format(Locale.ROOT, "%.2f", grossPct * 100)
            + " vest=" + price(s.bidA()) + '/' + price(s.askA())
            + " paradex=" + price(s.bidB()) + '/' + price(s.askB()));
    }

    private static String price(final long fixedPoint) {
        return FixedPoint.formatTrimmed(fixedPoint, SCALE);
    }
}
