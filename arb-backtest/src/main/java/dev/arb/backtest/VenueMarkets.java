package dev.arb.backtest;

import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The markets of one {@link BacktestVenue} by symbol, in the order they were configured: looks a market
 * up, refusing an unknown symbol as the live adapters do ({@link InvalidOrderException}
 * {@code MARKET_NOT_FOUND}), and lists the open positions.
 *
 * <p><b>Note:</b> not thread-safe; confined to the backtest driver's thread (the map is filled once, at
 * construction, so {@link #find} may also serve {@link BacktestVenue#fundingRatePerHour} on any thread).
 */
final class VenueMarkets {
    private final String venue;
    private final Map<String, VenueMarket> markets = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException if {@code specs} is empty or holds a market of another venue
     */
    VenueMarkets(final String venue, final List<MarketSpec> specs, final double defaultFundingRatePerHour) {
        this.venue = venue;
        for (final MarketSpec spec : specs) {
            markets.put(spec.symbol(), new VenueMarket(venue, spec, defaultFundingRatePerHour));
        }
        if (markets.isEmpty()) {
            throw new IllegalArgumentException("a venue needs at least one market");
        }
    }

    /** @return the market, or null if the venue has none of that symbol */
    VenueMarket find(final String market) {
        return markets.get(market);
    }

    /**
     * @return the market
     * @throws InvalidOrderException if the venue has no such market
     */
    VenueMarket get(final String market) {
        final VenueMarket m = markets.get(market);
        if (m == null) {
            throw unknown(market);
        }
        return m;
    }

    /** @return the refusal of an unknown market */
    InvalidOrderException unknown(final String market) {
        return new InvalidOrderException(venue, "MARKET_NOT_FOUND", "unknown market " + market);
    }

    /** @return every non-flat position, in the order the markets were configured */
    List<Position> positions() {
        return markets.values().stream().filter(m -> m.position.size() != 0).map(m -> m.position.toPosition())
            .toList();
    }
}
