package dev.arb.backtest;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import java.util.ArrayList;
import java.util.List;

/**
 * One market of a {@link BacktestVenue}: its rules, the book the driver writes, the book's listeners,
 * our position and the last funding rate set.
 *
 * <p><b>Note:</b> not thread-safe; confined to the backtest driver's thread ({@link #fundingRatePerHour}
 * is volatile because the API lets any thread read it).
 */
final class VenueMarket {
    /** Levels per side the book starts with (it grows on demand). */
    private static final int INITIAL_DEPTH = 64;

    final MarketSpec spec;
    final OrderBook book;
    final PositionLedger position;
    final List<OrderBookListener> listeners = new ArrayList<>(2);
    boolean subscribed;
    boolean published;
    volatile double fundingRatePerHour;

    VenueMarket(final String venue, final MarketSpec spec, final double defaultFundingRatePerHour) {
        if (!venue.equals(spec.venue())) {
            throw new IllegalArgumentException("market " + spec.symbol() + " is on " + spec.venue() + ", not " + venue);
        }
        this.spec = spec;
        this.book = OrderBook.forMarket(spec, INITIAL_DEPTH);
        this.position = new PositionLedger(spec.venue(), spec.symbol(), spec.priceScale(), spec.sizeScale());
        this.fundingRatePerHour = defaultFundingRatePerHour;
    }

    /** Marks the book received and runs its listeners; their exceptions are counted on {@code errors}. */
    void publish(final VenueOrders errors) {
        published = true;
        for (final OrderBookListener l : listeners) {
            try {
                l.onOrderBook(book);
            } catch (RuntimeException e) {
                errors.countListenerError();
            }
        }
    }

    /** @return virtual ms since the book was received, {@link Long#MAX_VALUE} before the first publish */
    long ageMs(final long nowNanos) {
        return published ? book.ageMs(nowNanos) : Long.MAX_VALUE;
    }

    /** @return true before the first publish, while the book is invalid, or when older than {@code maxAgeMs} */
    boolean isStale(final long nowNanos, final long maxAgeMs) {
        return !published || !book.isValid() || ageMs(nowNanos) > maxAgeMs;
    }
}
