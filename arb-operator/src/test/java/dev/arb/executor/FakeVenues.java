package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarketSpec;
import java.util.concurrent.Executor;

/**
 * Opens arb-executor's package-private scriptable fake venue ({@link FakeExchangeAdapter}, from its
 * test-jar) to the operator plane's tests.
 */
public final class FakeVenues {
    private FakeVenues() {
    }

    /**
     * @param name      venue name
     * @param spec      its one market
     * @param eventLoop the engine's thread: book listeners run there
     * @return a connected fake venue that fills every order in full
     */
    public static ExchangeAdapter venue(final String name, final MarketSpec spec, final Executor eventLoop) {
        return new FakeExchangeAdapter(name, spec, eventLoop);
    }

    /**
     * Replaces the venue's book with one level per side (listeners notified on the event loop).
     *
     * @param venue   a venue from {@link #venue}
     * @param bid     best bid, price scale
     * @param bidSize its size, size scale
     * @param ask     best ask, price scale
     * @param askSize its size, size scale
     */
    public static void setTop(final ExchangeAdapter venue, final long bid, final long bidSize, final long ask,
        final long askSize) {
        ((FakeExchangeAdapter) venue).setTop(bid, bidSize, ask, askSize);
    }

    /**
     * @param venue a venue from {@link #venue}
     * @param rate  funding rate per hour, fraction
     */
    public static void fundingRatePerHour(final ExchangeAdapter venue, final double rate) {
        ((FakeExchangeAdapter) venue).fundingRatePerHour = rate;
    }

    /** @param venue a venue from {@link #venue}: its own thread stops */
    public static void close(final ExchangeAdapter venue) {
        ((FakeExchangeAdapter) venue).close();
    }

    /**
     * @param venue a venue from {@link #venue}
     * @return the book listeners subscribed so far (the executor's), to drive ticks directly
     */
    public static java.util.List<dev.arb.api.OrderBookListener> listeners(final ExchangeAdapter venue) {
        return ((FakeExchangeAdapter) venue).listeners();
    }
}
