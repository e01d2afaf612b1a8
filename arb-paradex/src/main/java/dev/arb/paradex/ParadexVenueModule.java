package dev.arb.paradex;

import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueModule;
import dev.arb.paradex.internal.BookMessageParser;
import dev.arb.paradex.internal.ParadexErrors;
import java.util.Objects;

/**
 * Paradex's entry in the venue registry ({@link dev.arb.api.spi.VenueRegistry}), listed in this module's
 * {@code META-INF/services/dev.arb.api.spi.VenueModule}.
 *
 * <p><b>Note:</b> stateless, thread-safe. Public only because {@link java.util.ServiceLoader} instantiates it.
 */
public final class ParadexVenueModule implements VenueModule {
    /** For {@link java.util.ServiceLoader}. */
    public ParadexVenueModule() {
    }

    /** @return {@code paradex} */
    @Override
    public String name() {
        return ParadexErrors.VENUE;
    }

    /** @return 8: the SBE schema's price and quantity exponent, and the JSON book parser's scale */
    @Override
    public int bookScale() {
        return BookMessageParser.SCALE;
    }

    /**
     * @return 8 (Paradex docs, "Funding Mechanism": "Funding Period 8h"; a market's {@code funding_period_hours}
     *         in {@code GET /markets} overrides it); {@code funding_rate} is per period (API spec
     *         {@code MarketSummaryResp.funding_rate}: "not a normalized 8h funding rate")
     */
    @Override
    public double defaultFundingPeriodHours() {
        return 8;
    }

    /**
     * SBE binary frames (book snapshots and deltas, markets summary) or JSON text frames ({@code order_book}
     * snapshots and deltas, {@code markets_summary}) into the book; gaps, crossed books and funding rates to the
     * listener.
     *
     * @param market   Paradex symbol, e.g. {@code BTC-USD-PERP}
     * @param book     the book written, scale {@link #bookScale()}
     * @param listener told of resyncs and funding rates
     * @return a new feed
     * @throws IllegalArgumentException if the book's scales are not {@link #bookScale()}
     */
    @Override
    public CapturedMarketFeed capturedMarketFeed(final String market, final OrderBook book,
        final CapturedMarketFeed.Listener listener) {
        Objects.requireNonNull(book, "book");
        if (book.priceScale() != bookScale() || book.sizeScale() != bookScale()) {
            throw new IllegalArgumentException("a Paradex book has price and size scale " + bookScale() + ", not "
                + book.priceScale() + '/' + book.sizeScale());
        }
        return new ParadexCapturedMarketFeed(Objects.requireNonNull(market, "market"), book,
            Objects.requireNonNull(listener, "listener"));
    }
}
