package dev.arb.executor.journal;

import dev.arb.api.Fill;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import java.util.Objects;

/**
 * One journal record.
 *
 * <p>Build one with the named factories ({@link #intent}, {@link #order}, {@link #update}, {@link #fill},
 * {@link #position}, {@link #note}, {@link #followUp}); the canonical constructor is the stored form (a
 * journal reading its records back).
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
        return position(System.currentTimeMillis(), runId, type, null, null, 0, detail);
    }

    /**
     * The intent to send an order, journalled before it leaves: status {@code PENDING_NEW}, nothing
     * filled, the limit price, and the order type (plus {@code " reduce-only"}) as detail.
     *
     * @param timeMs wall-clock time, ms since the epoch
     * @param runId  the run
     * @param venue  venue name
     * @param market venue symbol
     * @param r      the order
     * @return the event
     */
    public static JournalEvent intent(final long timeMs, final String runId, final String venue, final String market,
        final OrderRequest r) {
        return order(timeMs, runId, JournalEventType.INTENT, venue, market, r, OrderStatus.PENDING_NEW, 0,
            r.limitPrice(), r.type() + (r.reduceOnly() ? " reduce-only" : ""));
    }

    /**
     * An order's state as the engine learned it (an acknowledgement, an error, a timeout).
     *
     * @param timeMs     wall-clock time, ms since the epoch
     * @param runId      the run
     * @param type       kind ({@link JournalEventType#ACK}, {@link JournalEventType#ERROR}, ...)
     * @param venue      venue name
     * @param market     venue symbol
     * @param r          the order (client order id, side, size)
     * @param status     its status
     * @param filledSize cumulative filled size, size scale
     * @param price      average fill (or limit) price, price scale
     * @param detail     free text, never a secret
     * @return the event
     */
    public static JournalEvent order(final long timeMs, final String runId, final JournalEventType type,
        final String venue, final String market, final OrderRequest r, final OrderStatus status, final long filledSize,
        final long price, final String detail) {
        return new JournalEvent(0, timeMs, runId, type, venue, market, r.clientOrderId(), r.side().name(),
            status.name(), r.size(), filledSize, price, detail);
    }

    /**
     * An order update a venue pushed or answered ({@link JournalEventType#UPDATE}).
     *
     * @param timeMs wall-clock time, ms since the epoch
     * @param runId  the run
     * @param u      the update (venue, market, client order id, side, status, sizes, average price)
     * @param detail where it came from, e.g. {@code "private stream"}
     * @return the event
     */
    public static JournalEvent update(final long timeMs, final String runId, final OrderUpdate u, final String detail) {
        return new JournalEvent(0, timeMs, runId, JournalEventType.UPDATE, u.venue(), u.market(), u.clientOrderId(),
            u.side().name(), u.status().name(), u.size(), u.filledSize(), u.avgFillPrice(), detail);
    }

    /**
     * A fill a venue pushed ({@link JournalEventType#FILL}): size and filled size are the fill's size,
     * the detail its liquidity (maker/taker).
     *
     * @param timeMs wall-clock time, ms since the epoch
     * @param runId  the run
     * @param f      the fill
     * @return the event
     */
    public static JournalEvent fill(final long timeMs, final String runId, final Fill f) {
        return new JournalEvent(0, timeMs, runId, JournalEventType.FILL, f.venue(), f.market(), f.clientOrderId(),
            f.side().name(), null, f.size(), f.size(), f.price(), f.liquidity().name());
    }

    /**
     * A record about a position rather than an order ({@link JournalEventType#BASELINE}: the venue's
     * position adopted; {@link JournalEventType#UNWIND}: an unwind's outcome).
     *
     * @param timeMs wall-clock time, ms since the epoch
     * @param runId  the run
     * @param type   kind
     * @param venue  venue name
     * @param market venue symbol
     * @param size   signed position, size scale (0 when not applicable)
     * @param detail free text, never a secret
     * @return the event
     */
    public static JournalEvent position(final long timeMs, final String runId, final JournalEventType type,
        final String venue, final String market, final long size, final String detail) {
        return new JournalEvent(0, timeMs, runId, type, venue, market, null, null, null, size, 0, 0, detail);
    }

    /**
     * A later state of the order this (intent) record names ({@link JournalEventType#UPDATE}, same venue,
     * market, client order id and side), e.g. resolved at start-up by a later run.
     *
     * @param nowMs      wall-clock time, ms since the epoch
     * @param nowRunId   the run writing it (not necessarily this record's)
     * @param status     the order's status
     * @param size       ordered size, size scale
     * @param filledSize cumulative filled size, size scale
     * @param price      average fill price, price scale (0 if none)
     * @param why        free text, never a secret
     * @return the event
     */
    public JournalEvent followUp(final long nowMs, final String nowRunId, final OrderStatus status, final long size, final long filledSize,
        final long price, final String why) {
        return new JournalEvent(0, nowMs, nowRunId, JournalEventType.UPDATE, venue, market, clientOrderId, side,
            status.name(), size, filledSize, price, why);
    }

    /**
     * @param journalSeq the position assigned by the journal
     * @return this record at that position
     */
    public JournalEvent withSeq(final long journalSeq) {
        return new JournalEvent(journalSeq, timeMs, runId, type, venue, market, clientOrderId, side, status, size,
            filledSize, price, detail);
    }
}
