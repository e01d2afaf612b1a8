package dev.arb.operator.metrics;

import dev.arb.executor.MarketSnapshot;
import java.lang.reflect.Field;

/**
 * The venue and market of a bot's two legs, for the {@code venue} and {@code market} labels. The engine
 * does not publish them yet on this branch; the pending engine change adds {@code String[] venue} and
 * {@code String[] market} to {@link MarketSnapshot} (filled by {@code captureMarket}). Until it is merged
 * they are read reflectively when present, else the legs are labelled {@code a} / {@code b} with market
 * {@code unknown}. Once merged, replace the reflection with {@code s.venue[leg]} / {@code s.market[leg]}.
 *
 * <p><b>Note:</b> stateless, thread-safe; call it on a consistent copy of a snapshot.
 */
final class LegNames {
    private static final Field VENUE = field("venue");
    private static final Field MARKET = field("market");
    private static final String[] TAGS = {"a", "b"};

    private LegNames() {
    }

    /** @return {@code true} when the engine publishes the legs' names (otherwise the fallback labels are used) */
    static boolean published() {
        return VENUE != null && MARKET != null;
    }

    /**
     * @param s   a captured snapshot
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's venue name, {@code a} / {@code b} when not published, or null when not captured yet
     */
    static String venue(final MarketSnapshot s, final int leg) {
        return published() ? read(VENUE, s, leg) : TAGS[leg];
    }

    /**
     * @param s   a captured snapshot
     * @param leg 0 for leg A, 1 for leg B
     * @return the leg's market symbol, {@code unknown} when not published, or null when not captured yet
     */
    static String market(final MarketSnapshot s, final int leg) {
        return published() ? read(MARKET, s, leg) : "unknown";
    }

    private static String read(final Field f, final MarketSnapshot s, final int leg) {
        try {
            final String[] values = (String[]) f.get(s);
            return values == null ? null : values[leg];
        } catch (IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    private static Field field(final String name) {
        try {
            final Field f = MarketSnapshot.class.getField(name);
            return f.getType() == String[].class ? f : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
