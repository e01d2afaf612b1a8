package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import dev.arb.api.TransportConfig;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.internal.OrderResponses;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The subscribed markets' books ({@link MarketBookState}, one per market) and what other threads read of them:
 * the live book, its age and staleness, the funding rate per hour and the best opposite price for notional checks.
 *
 * <p>Funding: a {@code markets_summary} push's {@code funding_rate} is "the raw funding rate [that] corresponds to
 * the actual funding period of the instrument itself" (OpenAPI/AsyncAPI {@code MarketSummaryResp.funding_rate}),
 * so the rate per hour is {@code funding_rate / funding_period_hours} ({@link ParadexMarkets#fundingPeriodHours}).
 *
 * <p><b>Note:</b> thread-safe: the map is concurrent and every read but {@link #orderBook}'s contents uses the
 * states' volatile mirrors; books themselves are written on the event-loop thread only.
 */
final class ParadexBooks {
    private final Map<String, MarketBookState> books = new ConcurrentHashMap<>();
    private final ParadexMarkets markets;
    private final long maxBookAgeMs;

    /**
     * @param markets      funding periods
     * @param maxBookAgeMs a book older than this is stale, ms ({@link TransportConfig#maxBookAgeMs()})
     */
    ParadexBooks(final ParadexMarkets markets, final long maxBookAgeMs) {
        this.markets = markets;
        this.maxBookAgeMs = maxBookAgeMs;
    }

    /**
     * @param market venue symbol
     * @param create makes the market's state when it has none yet (called at most once per market)
     * @return the market's state
     */
    MarketBookState computeIfAbsent(final String market, final Function<String, MarketBookState> create) {
        return books.computeIfAbsent(market, create);
    }

    /** @return every subscribed market's state */
    Collection<MarketBookState> all() {
        return books.values();
    }

    /**
     * @param market venue symbol
     * @return the live book (read it on the event-loop thread), or null if not subscribed
     */
    OrderBook orderBook(final String market) {
        final MarketBookState s = books.get(market);
        return s == null ? null : s.book();
    }

    /**
     * @param market venue symbol
     * @return ms since the market's last book update was received, {@link Long#MAX_VALUE} if none yet
     */
    long bookAgeMs(final String market) {
        final MarketBookState s = books.get(market);
        if (s == null || !s.hasReceived()) {
            return Long.MAX_VALUE;
        }
        return (System.nanoTime() - s.lastReceivedNanos()) / 1_000_000L;
    }

    /**
     * @param market     venue symbol
     * @param streamOpen whether the stream is open now
     * @return {@code true} unless the book is subscribed, the stream open, the book valid and not older than the limit
     */
    boolean isStale(final String market, final boolean streamOpen) {
        final MarketBookState s = books.get(market);
        return s == null || !streamOpen || !s.isValid() || bookAgeMs(market) > maxBookAgeMs;
    }

    /**
     * @param market venue symbol
     * @return the last {@code funding_rate} divided by the market's funding period, fraction per hour; NaN when the
     *     book is not subscribed or before the first summary
     */
    double fundingRatePerHour(final String market) {
        final MarketBookState s = books.get(market);
        if (s == null) {
            return Double.NaN;
        }
        return s.fundingRate() / markets.fundingPeriodHours(market);
    }

    /**
     * Stores the {@code funding_rate} of a JSON {@code markets_summary} push in its market's state (ignored for a
     * market not subscribed).
     *
     * @param data the push's {@code params.data}
     * @throws RuntimeException if the push cannot be read (the caller counts it)
     */
    void onSummary(final JsonNode data) {
        final String symbol = OrderResponses.text(data, "symbol");
        final MarketBookState s = symbol == null ? null : books.get(symbol);
        final String rate = OrderResponses.text(data, "funding_rate");
        if (s != null) {
            s.fundingRate(rate == null || rate.isEmpty() ? Double.NaN : Double.parseDouble(rate));
        }
    }

    /**
     * Best opposite price from the book's thread-safe mirrors when valid.
     *
     * @param market venue symbol
     * @param side   the order's side: a buy reads the best ask, a sell the best bid
     * @return the price at scale 8, 0 if unknown
     */
    long referencePrice(final String market, final Side side) {
        final MarketBookState s = books.get(market);
        if (s == null || !s.isValid()) {
            return 0;
        }
        final long p = side == Side.BUY ? s.bestAsk() : s.bestBid();
        return p == OrderBook.NO_PRICE ? 0 : p;
    }
}
