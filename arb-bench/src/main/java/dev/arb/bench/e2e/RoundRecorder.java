package dev.arb.bench.e2e;

import dev.arb.api.OrderUpdate;
import dev.arb.executor.ExecutionListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Records each decision of a harness run through the executor's callbacks, in µs: tick to decision (from the
 * tick's planned time), decision to hand-over per leg ({@link #onOrderSent}), decision to ack per leg and to
 * both acks ({@link #onOrderAck}); and, once the simulator process reports its stamps, decision to the order's
 * first byte and to its last byte at the simulator per leg ({@link #matchArrivals}). It also records the deciding
 * thread's CPU time from the decision to each leg's hand-over (the thread's {@code CLOCK_THREAD_CPUTIME_ID} through
 * {@link ThreadMXBean#getCurrentThreadCpuTime()}): next to the wall time it tells work (cold or warm code) from
 * waiting (the thread preempted on a shared CPU).
 *
 * <p>Rounds do not overlap (the executor drops opportunities while one is in flight), so a leg's hand-over and
 * ack belong to the round decided last; a second order on a venue in the same round (an unwind) is counted as
 * extra and kept in the send order so that the simulator's arrivals, reported in order, still line up.
 *
 * <p><b>Note:</b> confined to the executor's state thread (the strategy and the listener run there); read it
 * from another thread only through a task on that thread.
 */
final class RoundRecorder implements ExecutionListener {
    static final long HIGHEST_US = 60_000_000L;
    static final int VEST = 0;
    static final int PARADEX = 1;

    /** One decision's stamps, ns; 0 = not yet. */
    static final class Round {
        final long decisionNanos;
        final long[] ackNanos = new long[2];
        final boolean[] sent = new boolean[2];

        Round(final long decisionNanos) {
            this.decisionNanos = decisionNanos;
        }
    }

    final Histogram tickToDecision = hist();
    final Histogram[] toSend = {hist(), hist()};
    final Histogram[] toAck = {hist(), hist()};
    final Histogram bothAcks = hist();
    final Histogram[] toFirstByte = {hist(), hist()};
    final Histogram[] toLastByte = {hist(), hist()};
    /** Per venue, orders whose last byte arrived in a later read than their first. */
    final long[] splitOrders = new long[2];
    final Histogram[] toSendCpu = {hist(), hist()};
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long decisionCpuNanos;
    private final List<List<Round>> sendOrder = List.of(new ArrayList<>(), new ArrayList<>());
    private Round current;
    long decisions;
    /** Decisions of which at least one order was handed over (the rest the engine declined). */
    long handedOver;
    long skipped;
    long extraOrders;
    long completeRounds;
    private long lastTickSeen;
    long stampMismatches;

    private static Histogram hist() {
        return new Histogram(HIGHEST_US, 3);
    }

    /** Starts a new measurement window (warm-up done). */
    void reset() {
        tickToDecision.reset();
        bothAcks.reset();
        for (int v = 0; v < 2; v++) {
            toSend[v].reset();
            toAck[v].reset();
            toFirstByte[v].reset();
            toLastByte[v].reset();
            splitOrders[v] = 0;
            toSendCpu[v].reset();
            sendOrder.get(v).clear();
        }
        current = null;
        decisions = 0;
        handedOver = 0;
        skipped = 0;
        extraOrders = 0;
        completeRounds = 0;
        stampMismatches = 0;
    }

    /**
     * The strategy acted on a tick.
     *
     * @param decisionNanos the engine's decision time, ns
     * @param plannedNanos  the tick's planned send time, ns (same clock: see {@code TickBoard})
     */
    void decided(final long decisionNanos, final long plannedNanos) {
        decisions++;
        tickToDecision.recordValue(us(decisionNanos - plannedNanos));
        current = new Round(decisionNanos);
        decisionCpuNanos = threads.getCurrentThreadCpuTime();
    }

    /** @param tick the number of a tick the strategy has just consumed (decided on, or skipped) */
    void seen(final long tick) {
        lastTickSeen = tick;
    }

    /** @return the number of the last tick the strategy consumed (0: none) */
    long lastTickSeen() {
        return lastTickSeen;
    }

    /** The strategy saw a tick while a round was in flight. */
    void skipped() {
        skipped++;
    }

    /** @return whether the last round has both acks (or there was none) */
    boolean quiet() {
        return current == null || (current.ackNanos[VEST] != 0 && current.ackNanos[PARADEX] != 0);
    }

    @Override
    public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
        final int v = index(venue);
        if (current != null && !current.sent[v]) {
            if (!current.sent[1 - v]) {
                handedOver++;
            }
            current.sent[v] = true;
            toSend[v].recordValue(us(decisionToSendNanos));
            toSendCpu[v].recordValue(us(threads.getCurrentThreadCpuTime() - decisionCpuNanos));
            sendOrder.get(v).add(current);
        } else {
            extraOrders++;
            sendOrder.get(v).add(null);
        }
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        final int v = index(update.venue());
        if (current == null || !current.sent[v] || current.ackNanos[v] != 0) {
            return;
        }
        current.ackNanos[v] = current.decisionNanos + decisionToAckNanos;
        toAck[v].recordValue(us(decisionToAckNanos));
        if (current.ackNanos[1 - v] != 0) {
            completeRounds++;
            bothAcks.recordValue(us(Math.max(current.ackNanos[0], current.ackNanos[1]) - current.decisionNanos));
        }
    }

    /**
     * Lines the simulator's order arrivals up with the orders sent, in order, per venue.
     *
     * @param venue    {@link #VEST} or {@link #PARADEX}
     * @param arrivals first-byte arrival times, ns, oldest first
     * @param lasts    last-byte arrival times, ns, one per first-byte time (else, e.g. empty, not recorded)
     */
    void matchArrivals(final int venue, final long[] arrivals, final long[] lasts) {
        final boolean withLasts = lasts.length == arrivals.length;
        final List<Round> sent = sendOrder.get(venue);
        if (arrivals.length != sent.size()) {
            stampMismatches += Math.abs(arrivals.length - sent.size());
        }
        for (int i = 0; i < Math.min(arrivals.length, sent.size()); i++) {
            final Round r = sent.get(i);
            if (r != null) {
                toFirstByte[venue].recordValue(us(arrivals[i] - r.decisionNanos));
                if (withLasts) {
                    toLastByte[venue].recordValue(us(lasts[i] - r.decisionNanos));
                    if (lasts[i] != arrivals[i]) {
                        splitOrders[venue]++;
                    }
                }
            }
        }
    }

    private static int index(final String venue) {
        return "vest".equals(venue) ? VEST : PARADEX;
    }

    private static long us(final long nanos) {
        return Math.min(HIGHEST_US, Math.max(0, nanos / 1_000));
    }
}
