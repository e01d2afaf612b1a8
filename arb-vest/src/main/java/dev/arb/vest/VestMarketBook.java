package dev.arb.vest;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderBookListener;
import java.nio.charset.StandardCharsets;

/**
 * One subscribed market of the {@link VestMarketDataFeed}: its book, its listeners, the channel names
 * its frames carry ({@code {symbol}@depth}, {@code {symbol}@trades}, protocol reference §5) and its
 * freshness flags.
 *
 * <p><b>Note:</b> thread-safe as used: the book is written on the event loop only; the listeners array
 * is replaced (copy on write) under the feed's subscription lock; the flags are volatile and read from
 * any thread; {@link #init} is synchronised.
 */
final class VestMarketBook {
    final String symbol;
    final byte[] channel;
    final byte[] tradesChannel;
    volatile OrderBookListener[] listeners = new OrderBookListener[0];
    volatile OrderBook book;
    /** {@link System#nanoTime()} of the last depth snapshot applied or refused. */
    volatile long lastReceivedNanos;
    volatile boolean received;
    volatile boolean valid;

    /** @param symbol the market */
    VestMarketBook(final String symbol) {
        this.symbol = symbol;
        this.channel = (symbol + "@depth").getBytes(StandardCharsets.US_ASCII);
        this.tradesChannel = (symbol + "@trades").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Creates the book (32 levels a side) once the market's rules are known.
     *
     * @param spec the market's rules
     * @return {@code true} if this call created the book
     */
    synchronized boolean init(final MarketSpec spec) {
        if (book != null) {
            return false;
        }
        book = OrderBook.forMarket(spec, 32);
        return true;
    }
}
