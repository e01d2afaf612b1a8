package dev.arb.api.spi;

import dev.arb.api.OrderBook;

/**
 * A venue module's entry in the {@link VenueRegistry}: implemented once per venue module and listed in its
 * {@code META-INF/services/dev.arb.api.spi.VenueModule}.
 *
 * <p><b>Note:</b> implementations are stateless and thread-safe; each {@link CapturedMarketFeed} they open is
 * not.
 */
public interface VenueModule {
    /**
     * @return the venue's name as configuration spells it, lower case, e.g. {@code vest}; unique in the registry
     */
    String name();

    /**
     * @return the price and size scale of the venue's books (decimal digits of the fixed-point longs), e.g. 8
     */
    int bookScale();

    /**
     * @return the venue's default funding period, hours (the rates {@link CapturedMarketFeed.Listener#onFundingRate}
     *         reports are per this period unless the market says otherwise)
     */
    double defaultFundingPeriodHours();

    /**
     * Opens a decoder of this venue's captured public frames ({@code record}'s format) for one market.
     *
     * @param market   the venue's symbol, e.g. {@code BTC-PERP}
     * @param book     the book the frames are applied to (scale {@link #bookScale()}); written only by
     *                 {@link CapturedMarketFeed#onFrame}
     * @param listener told of sequence gaps and funding rates; {@link CapturedMarketFeed.Listener#NONE} for none
     * @return a new feed, not thread-safe
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the book's scale is not {@link #bookScale()}
     */
    CapturedMarketFeed capturedMarketFeed(String market, OrderBook book, CapturedMarketFeed.Listener listener);
}
