package dev.arb.executor;

import java.util.List;

/**
 * Outcome of start-up reconciliation of one executor's two legs against the journal.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param outcome          {@code CLEAN} (no difference), {@code ADOPTED}, {@code FLATTENED} or {@code REFUSED}
 * @param differences      one line per difference found (empty when clean)
 * @param resolvedOrders   orders left unresolved by the journal that a venue lookup resolved
 * @param positionA        venue A's position after reconciliation, base units
 * @param positionB        venue B's position after reconciliation, base units
 */
public record ReconciliationReport(String outcome, List<String> differences, int resolvedOrders,
    java.math.BigDecimal positionA, java.math.BigDecimal positionB) {
    /** Copies the list. */
    public ReconciliationReport {
        differences = List.copyOf(differences);
    }
}
