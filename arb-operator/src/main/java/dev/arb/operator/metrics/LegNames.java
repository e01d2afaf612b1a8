package dev.arb.operator.metrics;

import dev.arb.executor.MarketSnapshot;

/**
 * The venue and market of a bot's two legs, for the {@code venue} and {@code market} labels, as the
 * engine publishes them in its {@link MarketSnapshot}.
 *
 * <p><b>Note:</b> stateless, thread-safe; call it on a consistent copy of a snapshot.
 */
final class LegNames {
    private LegNames() {
    }

    /**
     * @param s   a captured snapshot
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's venue name, or null when not captured yet
     */
    static String venue(final MarketSnapshot s, final int leg) {
        return s.venue[leg];
    }

    /**
     * @param s   a captured snapshot
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's market symbol, or null when not captured yet
     */
    static String market(final MarketSnapshot s, final int leg) {
        return s.market[leg];
    }
}
