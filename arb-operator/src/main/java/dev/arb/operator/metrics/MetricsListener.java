package dev.arb.operator.metrics;

import dev.arb.api.OrderUpdate;
import dev.arb.executor.ExecutionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Records one bot's latencies into Micrometer timers with fixed buckets from 1 µs to 10 s:
 * {@code arb_tick_to_decision_seconds{bot}} on every book change and
 * {@code arb_decision_to_ack_seconds{bot,venue}} on every order answer,
 * {@code arb_decision_to_send_seconds{bot,venue}} and {@code arb_journal_commit_seconds{bot}} on every order sent. The timers are looked up once
 * (the tick-to-decision timer at construction, the ack timer once per venue) and cached: recording on
 * the market-data path ({@link #onDecision}) allocates nothing (a Micrometer timer with fixed buckets
 * adds to {@code LongAdder}s and an atomic bucket array; measured in {@code MetricsListenerAllocationTest}).
 * The trading counters are not recorded here: they are read from the executor's stats at scrape time.
 *
 * <p><b>Note:</b> confined to the engine's thread, as every {@link ExecutionListener}; the timers it
 * records into are thread-safe and read by the scraping thread.
 */
final class MetricsListener implements ExecutionListener {
    /** Bucket bounds: 1-2-5 steps from 1 µs to 10 s (22 buckets and +Inf). */
    static final Duration[] BUCKETS = buckets();

    private final MeterRegistry registry;
    private final String bot;
    private final Timer tickToDecision;
    private final Timer journalCommit;
    private String[] sendVenues = new String[2];
    private Timer[] sendTimers = new Timer[2];
    private int sendCount;
    private String[] ackVenues = new String[2];
    private Timer[] ackTimers = new Timer[2];
    private int ackCount;

    MetricsListener(final MeterRegistry registry, final String bot) {
        this.registry = registry;
        this.bot = bot;
        this.tickToDecision = timer("arb.tick.to.decision",
            "from the arrival of the frame that changed a book to the decision on it (includes parse and book update)")
            .tags("bot", bot).register(registry);
        this.journalCommit = timer("arb.journal.commit",
            "from appending an order's intent to the journal to its commit seen on the engine thread")
            .tags("bot", bot).register(registry);
    }

    @Override
    public void onIntentCommitted(final String venue, final long journalCommitNanos) {
        journalCommit.record(journalCommitNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onOrderSent(final String venue, final long decisionToSendNanos, final long journalCommitNanos) {
        Timer t = null;
        for (int i = 0; i < sendCount; i++) {
            if (sendVenues[i].equals(venue)) {
                t = sendTimers[i];
            }
        }
        if (t == null) {
            if (sendCount == sendVenues.length) {
                sendVenues = Arrays.copyOf(sendVenues, sendCount * 2);
                sendTimers = Arrays.copyOf(sendTimers, sendCount * 2);
            }
            t = timer("arb.decision.to.send", "from the decision to the venue adapter's placeOrder returning (signed, "
                + "handed to its I/O thread; the intent's journal commit runs in parallel)")
                .tags("bot", bot, "venue", venue).register(registry);
            sendVenues[sendCount] = venue;
            sendTimers[sendCount++] = t;
        }
        t.record(decisionToSendNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onDecision(final long tickToDecisionNanos) {
        tickToDecision.record(tickToDecisionNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onOrderAck(final OrderUpdate update, final long decisionToAckNanos) {
        ackTimer(update.venue()).record(decisionToAckNanos, TimeUnit.NANOSECONDS);
    }

    private Timer ackTimer(final String venue) {
        for (int i = 0; i < ackCount; i++) {
            if (ackVenues[i].equals(venue)) {
                return ackTimers[i];
            }
        }
        if (ackCount == ackVenues.length) {
            ackVenues = Arrays.copyOf(ackVenues, ackCount * 2);
            ackTimers = Arrays.copyOf(ackTimers, ackCount * 2);
        }
        final Timer t = timer("arb.decision.to.ack",
            "from the decision that sent an order to the venue's answer (round trip, includes the send)")
            .tags("bot", bot, "venue", venue).register(registry);
        ackVenues[ackCount] = venue;
        ackTimers[ackCount++] = t;
        return t;
    }

    static Timer.Builder timer(final String name, final String help) {
        return Timer.builder(name).description(help).serviceLevelObjectives(BUCKETS)
            .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]);
    }

    private static Duration[] buckets() {
        final Duration[] d = new Duration[22];
        long base = 1_000; // 1 µs
        int i = 0;
        while (i < d.length) {
            for (long step : new long[] {1, 2, 5}) {
                if (i < d.length) {
                    d[i++] = Duration.ofNanos(base * step);
                }
            }
            base *= 10;
        }
        return d;
    }
}
