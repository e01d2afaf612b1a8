package dev.arb.executor;

import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link RiskGuard}'s per-market limits across bots: reserves an entry's size on both legs' shares
 * of the {@link MarketExposure} ledger, counts refusals, and reports the first of a run of refusals on a
 * market with a {@link AlertKind#MARKET_LIMIT} alert and a journal record.
 *
 * <p><b>Note:</b> {@link #reserve} is not thread-safe and is called only under the owning
 * {@link RiskGuard}'s lock; {@link #blocked()} may be read from any thread.
 */
final class MarketLimitGate {
    private final AlertSink alerts;
    private final Journal journal;
    private final Set<String> blockedMarkets = new HashSet<>();
    private final AtomicLong blocked = new AtomicLong();

    MarketLimitGate(final AlertSink alerts, final Journal journal) {
        this.alerts = alerts;
        this.journal = journal;
    }

    /**
     * Reserves {@code entryBase} on both shares (leg B on the side opposite to leg A), or neither.
     *
     * @param l the limits now
     * @return null if reserved, else why not (starts with {@value RiskGuard#MARKET_LIMIT_PREFIX})
     */
    String reserve(final RiskLimits l, final String bot, final BigDecimal entryBase, final BigDecimal priceUsd,
        final MarketExposure.Share shareA, final int sideA, final MarketExposure.Share shareB) {
        String refused = shareA.tryReserve(entryBase, sideA, l.maxPositionBase(), l.maxPositionUsd(), priceUsd);
        MarketExposure.Share at = shareA;
        if (refused == null) {
            refused = shareB.tryReserve(entryBase, -sideA, l.maxPositionBase(), l.maxPositionUsd(), priceUsd);
            at = shareB;
            if (refused != null) {
                shareA.cancelReservation();
            }
        }
        if (refused == null) {
            blockedMarkets.remove(shareA.key());
            blockedMarkets.remove(shareB.key());
            return null;
        }
        blocked.incrementAndGet();
        if (blockedMarkets.add(at.key())) {
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.BREAKER, "MARKET_LIMIT " + bot + ": "
                + refused));
            alerts.alert(Alert.of(AlertKind.MARKET_LIMIT, false, bot, refused + " (entries wait until it has room)"));
        }
        return refused;
    }

    /** @return entries refused so far */
    long blocked() {
        return blocked.get();
    }
}
