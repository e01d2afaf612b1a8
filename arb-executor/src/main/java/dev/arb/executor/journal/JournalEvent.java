package dev.arb.executor.journal;

import java.util.Objects;

/**
 * One journal record.
 *
 * <p>Sizes are base units at the market's size scale, prices at its price scale (fixed-point
 * {@code long}s, exactly as sent to or received from the venue); 0 where not applicable.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param seq           position in the journal, assigned when written (0 before)
 * @param timeMs        wall-clock time of the event, ms since the epoch
 * @param runId         the run that wrote it
 * @param type          kind of record
 * @param venue         venue name, or null
 * @param market        venue symbol, or null
 * @param clientOrderId client order id, or null
 * @param side          {@code BUY} / {@code SELL}, or null
 * @param status        order status name (or breaker state), or null
 * @param size          ordered size (or signed position for {@link JournalEventType#BASELINE}), size scale
 * @param filledSize    cumulative filled size, size scale
 * @param price         limit or average fill price, price scale
 * @param detail        free text: reason, error, order type; never a secret
 */
public record JournalEvent(long seq, long timeMs, String runId, JournalEventType type, String venue, String market,
    String clientOrderId, String side, String status, long size, long filledSize, long price, String detail) {
    /** @throws NullPointerException if runId or type is null */
    public JournalEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
    }

    /**
     * @param runId  the run
     * @param type   kind
     * @param detail text
     * @return an event without order fields, stamped now
     */
    public static JournalEvent note(final String runId, final JournalEventType type, final String detail) {
        return new JournalEvent(0, System.currentTimeMillis(), runId, type, null, null, null, null, null, 0, 0, 0,
            detail);
    }
}
