package dev.arb.executor.journal;

/**
 * Kinds of journal records.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum JournalEventType {
    /** The run started: its run id is the record's detail. */
    RUN_START,
    /** An order about to be sent (written and committed before it is sent). */
    INTENT,
    /** The venue's answer to a placement: status, cumulative filled size, average price. */
    ACK,
    /** A later state of an order: private stream, or a lookup by client order id after a lost ack. */
    UPDATE,
    /** One execution pushed by the venue's private stream. */
    FILL,
    /** The placement failed: status REJECTED (refused) or UNKNOWN (ack lost); detail = error. */
    ERROR,
    /** One unwind or flatten step; detail = reason. */
    UNWIND,
    /** A circuit-breaker transition or a halt; detail = reason. */
    BREAKER,
    /** A reconciliation difference or outcome; detail = description. */
    RECONCILE,
    /** The venue's position was taken as the expected one (adopt, or flat after a flatten); size = signed size. */
    BASELINE,
    /** A parameter changed while running; detail = {@code <bot> <param> <old> -> <new>}. */
    PARAM,
    /** A strategy took over, or a replacement was refused; detail = name, source SHA-256 or the error. */
    STRATEGY,
    /**
     * A round (a position from flat back to flat) ended; detail = its PnL attribution in USD
     * ({@code spread=… slippage=… fees=… funding=… total=…}).
     */
    ROUND
}
