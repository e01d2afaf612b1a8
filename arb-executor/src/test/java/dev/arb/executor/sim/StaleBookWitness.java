package dev.arb.executor.sim;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.OrderRequest;
import dev.arb.executor.ExecutionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the engine's stale-book gate from outside: no entry order (not reduce-only) may leave on a book its venue
 * already called stale ({@link ExchangeAdapter#isStale}) when the engine decided to send it. A book that was fresh
 * at the decision and aged past the limit before the order reached the adapter (signing the other leg's order,
 * injected latency) is not a stale-book trade: the gate rightly judges at the decision.
 *
 * <p>How it knows: {@link #atSend} runs when an order reaches the adapter and notes the venue's verdict and the
 * book's age; the engine then reports that hand-over ({@link #onOrderSent}, right after {@code placeOrder}
 * returned) with the time since the decision, and the order is judged. The decision and the first send of its
 * orders run in one task on the engine's thread, which is the adapters' event loop too ({@link ChaosVenues}):
 * in between no frame is read, so the stream cannot close nor the book go invalid or change; only time passes.
 * So a book stale for another reason than its age was stale at the decision; one stale by age counts only if its
 * age at the hand-over less the decision-to-send time (a lower bound of its age at the decision, low by the time
 * {@code placeOrder} took) is beyond the limit: a fresh decision is never blamed, and a book stale at the decision
 * by more than that time is caught. A re-send of an order (same client order id) belongs to the decision of its
 * first send and is not judged again. Needs the engine on the system clock and intents written ahead (the
 * default): with
 * {@link dev.arb.executor.ExecutorConfig#journalBeforeSend()} the engine reports a hand-over before the order
 * reaches the adapter, which this witness records as a violation rather than guess.
 *
 * <p><b>Note:</b> thread-safe; {@link #atSend} and {@link #onOrderSent} are called on the engine's thread.
 */
final class StaleBookWitness implements ExecutionListener {
    private static final long NANOS_PER_MS = 1_000_000L;

    private final long maxBookAgeMs;
    /** Per venue: the order that reached the adapter and whose hand-over the engine has not reported yet. */
    private final Map<String, Sent> awaitingReport = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong staleAfterDecision = new AtomicLong();

    /** One order at the moment it reached the adapter: the venue's verdict, the book's age there, ms. */
    private record Sent(String venue, String clientOrderId, boolean entry, boolean stale, long bookAgeMs) {
    }

    /** @param maxBookAgeMs both adapters' book-age limit, ms (a book older than this is stale) */
    StaleBookWitness(final long maxBookAgeMs) {
        this.maxBookAgeMs = maxBookAgeMs;
    }

    /**
     * Notes an order reaching {@code adapter}; use as a {@link FaultInjectingAdapter#rejectWhen} predicate.
     *
     * @param adapter the undecorated adapter
     * @param r       the order
     * @return {@code false}: only observes, never rejects
     */
    boolean atSend(final ExchangeAdapter adapter, final OrderRequest r) {
        if (!seen.add(adapter.venue() + ' ' + r.clientOrderId())) {
            return false; // a re-send: judged at its first send
        }
        // the verdict first: a book stale by age then is at least as old a moment later
        final boolean stale = adapter.isStale(r.market());
        final Sent sent = new Sent(adapter.venue(), r.clientOrderId(), !r.reduceOnly(), stale,
            adapter.bookAgeMs(r.market()));
        final Sent unreported = awaitingReport.put(adapter.venue(), sent);
        if (unreported != null) {
            violations.add(unreported.venue() + " " + unreported.clientOrderId() + ": the engine never reported its "
                + "hand-over, cannot tell its decision time");
        }
        return false;
    }

    @Override
    public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
        final Sent s = awaitingReport.remove(venue);
        if (s == null) {
            violations.add(venue + ": a hand-over reported before its order reached the adapter (journal before "
                + "send?), cannot tell the book's age at the decision");
            return;
        }
        if (!s.entry() || !s.stale()) {
            return;
        }
        // in whole ms, as the adapters count: the age at the decision is at least the age at the send less the
        // decision-to-send time rounded up (the engine reads its clock after placeOrder returned, so it is longer)
        final long ageAtDecisionMs = s.bookAgeMs() + Math.floorDiv(-decisionToSendNanos, NANOS_PER_MS);
        if (s.bookAgeMs() > maxBookAgeMs && ageAtDecisionMs <= maxBookAgeMs) {
            staleAfterDecision.incrementAndGet(); // aged past the limit after the decision
            return;
        }
        violations.add(s.venue() + " " + s.clientOrderId() + " (book " + s.bookAgeMs() + " ms old at the send, "
            + decisionToSendNanos / 1_000 + " us after the decision)");
    }

    /** @return entry orders sent on a book already stale at their decision, and orders the witness could not judge */
    List<String> entriesOnStaleBook() {
        final List<String> all = new ArrayList<>(violations);
        awaitingReport.values().forEach(s -> all.add(s.venue() + " " + s.clientOrderId() + ": hand-over never reported"));
        return all;
    }

    /** @return entry orders whose book was fresh at the decision and stale by age when they reached the adapter */
    long entriesStaleAfterDecision() {
        return staleAfterDecision.get();
    }
}
