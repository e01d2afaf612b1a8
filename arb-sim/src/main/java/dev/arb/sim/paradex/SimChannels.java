package dev.arb.sim.paradex;

/**
 * The names of the simulated Paradex's public WebSocket channels: which market a channel carries, and whether a
 * book channel carries deltas ({@code order_book.{m}.deltas[@…]}, paradex-sbe reference §2) or snapshots
 * ({@code order_book.{m}.snapshot@…}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class SimChannels {
    private SimChannels() {
    }

    /**
     * @param channel a channel name
     * @return the market of an {@code order_book.{market}.…} channel, or null
     */
    static String bookChannelMarket(final String channel) {
        if (!channel.startsWith("order_book.")) {
            return null;
        }
        final int end = channel.indexOf('.', "order_book.".length());
        return end < 0 ? null : channel.substring("order_book.".length(), end);
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code bbo.{market}} channel, or null
     */
    static String bboChannelMarket(final String channel) {
        return channel.startsWith("bbo.") && channel.indexOf('.', 4) < 0 ? channel.substring(4) : null;
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code markets_summary.{market}} channel, or null
     */
    static String summaryChannelMarket(final String channel) {
        return channel.startsWith("markets_summary.") ? channel.substring("markets_summary.".length()) : null;
    }

    /**
     * @param channel a channel name
     * @return the market of a {@code trades.{market}} channel, or null
     */
    static String tradesChannelMarket(final String channel) {
        return channel.startsWith("trades.") ? channel.substring("trades.".length()) : null;
    }

    /** @return {@code true} for a delta book channel ({@code order_book.{m}.deltas[@…]}) */
    static boolean isDeltaChannel(final String channel) {
        final String market = bookChannelMarket(channel);
        return market != null && channel.startsWith("order_book." + market + ".deltas");
    }
}
