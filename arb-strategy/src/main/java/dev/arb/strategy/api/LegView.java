package dev.arb.strategy.api;

import dev.arb.api.BookView;
import dev.arb.api.MarketSpec;

/**
 * One leg of a strategy's pair as the engine sees it: the venue's market rules, its live book, the
 * position the engine tracks from its fills, and the venue's funding rate.
 *
 * <p>The object is owned by the engine and reused: read it during the callback it is passed to, do
 * not keep it. Every method is allocation-free.
 *
 * <p><b>Note:</b> not thread-safe; read it only on the engine's thread, inside a {@link Strategy}
 * callback.
 */
public interface LegView {
    /** @return the venue's name as its adapter reports it ({@code vest}, {@code paradex}) */
    String venue();

    /** @return the venue's market symbol ({@code BTC-PERP}, {@code BTC-USD-PERP}) */
    String market();

    /**
     * @return the market's rules: price and size scales, tick and step size, minimum size and
     *     notional, maker and taker fee (immutable)
     */
    MarketSpec spec();

    /** @return the live book, read-only; prices at {@code spec().priceScale()}, sizes at {@code spec().sizeScale()} */
    BookView book();

    /**
     * @return the position on this venue as the engine tracks it from its own fills, signed (positive
     *     = long), base units at {@code spec().sizeScale()}
     */
    long position();

    /**
     * @return the venue's latest funding rate normalised to one hour, fraction (0.0001 = 1 bp per
     *     hour), positive when longs pay shorts; {@code NaN} while unknown
     */
    double fundingRatePerHour();
}
