package dev.arb.vest;

import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueModule;
import java.util.Objects;

/**
 * Vest's entry in the venue registry ({@link dev.arb.api.spi.VenueRegistry}), listed in this module's
 * {@code META-INF/services/dev.arb.api.spi.VenueModule}.
 *
 * <p><b>Note:</b> stateless, thread-safe. Public only because {@link java.util.ServiceLoader} instantiates it.
 */
public final class VestVenueModule implements VenueModule {
    /** Book scale of the bot's Vest books, decimal digits (prices and sizes). */
    static final int BOOK_SCALE = 8;

    /** For {@link java.util.ServiceLoader}. */
    public VestVenueModule() {
    }

    /** @return {@code vest} */
    @Override
    public String name() {
        return VestMarkets.VENUE;
    }

    /** @return 8 (the depth decoder reads any scale; the bot's books use 8) */
    @Override
    public int bookScale() {
        return BOOK_SCALE;
    }

    /** @return 1: Vest's {@code oneHrFundingRate} is per hour (Vest API docs, {@code tickers}) */
    @Override
    public double defaultFundingPeriodHours() {
        return 1;
    }

    /**
     * Vest {@code {symbol}@depth} frames (full snapshots) into the book, {@code tickers}' {@code oneHrFundingRate}
     * of the market to the listener.
     *
     * @param market   Vest symbol, e.g. {@code BTC-PERP}
     * @param book     the book written, any scale
     * @param listener told of funding rates (Vest books have no sequence, so never of a resync)
     * @return a new feed
     */
    @Override
    public CapturedMarketFeed capturedMarketFeed(final String market, final OrderBook book,
        final CapturedMarketFeed.Listener listener) {
        return new VestCapturedMarketFeed(Objects.requireNonNull(market, "market"), Objects.requireNonNull(book, "book"),
            Objects.requireNonNull(listener, "listener"));
    }
}
