package dev.arb.executor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@link RiskGuard}'s one-round-per-market rule across executors: which {@code venue:market}s have
 * a round in flight, and how often each was claimed (so a reading can tell whether a round overlapped it).
 *
 * <p><b>Note:</b> not thread-safe; used only under the owning {@link RiskGuard}'s lock.
 */
final class MarketClaims {
    private final Set<String> claimedMarkets = new HashSet<>();
    private final Map<String, Long> claimCounts = new HashMap<>();

    /** @return {@code false} if {@code venueMarket} is claimed already, else claims it */
    boolean claim(final String venueMarket) {
        if (!claimedMarkets.add(venueMarket)) {
            return false;
        }
        claimCounts.merge(venueMarket, 1L, Long::sum);
        return true;
    }

    /** @return -1 while either market is claimed, else a number that changes with every later claim of either */
    long epoch(final String venueMarketA, final String venueMarketB) {
        if (claimedMarkets.contains(venueMarketA) || claimedMarkets.contains(venueMarketB)) {
            return -1;
        }
        return claimCounts.getOrDefault(venueMarketA, 0L) + claimCounts.getOrDefault(venueMarketB, 0L);
    }

    /** @param venueMarket a market claimed before */
    void release(final String venueMarket) {
        claimedMarkets.remove(venueMarket);
    }
}
