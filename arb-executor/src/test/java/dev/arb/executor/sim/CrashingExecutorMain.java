package dev.arb.executor.sim;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.executor.sim.FaultInjectingAdapter.Fault;
import dev.arb.strategy.api.Direction;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child JVM of the crash test: connects to the test's simulators, enters once, and dies with
 * {@code Runtime.halt} once venue A answered leg A, leg B reached its adapter (held there, never answered)
 * and the journal committed what was queued. Mode {@code committed}: leg A's intent is in the store; mode
 * {@code lost}: it never reaches the store (a crash while the intent, written ahead, was still on the
 * journal's queue as the order went out).
 *
 * <p><b>Note:</b> a program; single-threaded main.
 */
public final class CrashingExecutorMain {
    private CrashingExecutorMain() {
    }

    /**
     * @param args journal file, mode ({@code committed} or {@code lost}), then {@link SimVenues.Credentials#toArgs()}
     * @throws Exception on any failure (exit code 1)
     */
    public static void main(final String[] args) throws Exception {
        final Path journalFile = Path.of(args[0]);
        final boolean lost = "lost".equals(args[1]);
        final SimVenues.Credentials c = SimVenues.Credentials.fromArgs(Arrays.copyOfRange(args, 2, args.length));
        final NioEventLoopGroup group = new NioEventLoopGroup(1);
        final SimVenues.Adapters adapters = SimVenues.connect(c, group);
        adapters.vest().next(Fault.HALT_AFTER_SEND);
        adapters.paradex().next(Fault.HOLD);
        final Journal store = SqliteJournal.open(journalFile, Journal.Synchronous.FULL);
        final String venueA = adapters.vest().venue();
        final Journal journal = lost ? new InterceptingJournal(store, e -> e.type() == JournalEventType.INTENT
            && venueA.equals(e.venue()) ? new CompletableFuture<>() : null) : store;
        // leg B's intent is queued before leg B reaches its adapter: flush once it has, so what was queued is
        // stored (in mode lost, leg A's intent never was)
        adapters.vest().beforeHalt(() -> adapters.paradex().firstOrder().thenCompose(x -> store.flush()));
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.01"))
            .entryThresholdPct(1_000).exitThresholdPct(999).slippageBps(20).maxBookAgeMs(5_000).maxQuoteAgeMs(5_000)
            .maxSkewMs(5_000).build();
        final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(adapters.vest(), SimVenues.VEST_MARKET,
            adapters.paradex(), SimVenues.PARADEX_MARKET, config, group.next(), new ExecutionListener() { },
            new ExecutorContext("crash", journal, AlertSink.log(), RiskGuard.errorsOnly(5), null));
        executor.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                final RoundResult r = executor.tryEnter(Direction.BUY_A_SELL_B).get(2, TimeUnit.SECONDS);
                if (r != RoundResult.BLOCKED_STALE) {
                    System.err.println("unexpected: " + r);
                    System.exit(2);
                }
            } catch (TimeoutException inFlight) {
                // leg A is on its way; the decorator halts this JVM once venue A answers
            }
        }
        System.exit(3);
    }
}
