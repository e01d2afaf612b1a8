package dev.arb.executor.sim;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.executor.sim.FaultInjectingAdapter.Fault;
import dev.arb.strategy.api.Direction;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child JVM of the crash test: connects to the test's simulators, enters once, and dies with
 * {@code Runtime.halt} right after venue A answered leg A, while leg B is held (never sent).
 *
 * <p><b>Note:</b> a program; single-threaded main.
 */
public final class CrashingExecutorMain {
    private CrashingExecutorMain() {
    }

    /**
     * @param args journal file, then {@link SimVenues.Credentials#toArgs()}
     * @throws Exception on any failure (exit code 1)
     */
    public static void main(final String[] args) throws Exception {
        final Path journalFile = Path.of(args[0]);
        final SimVenues.Credentials c = SimVenues.Credentials.fromArgs(Arrays.copyOfRange(args, 1, args.length));
        final NioEventLoopGroup group = new NioEventLoopGroup(1);
        final SimVenues.Adapters adapters = SimVenues.connect(c, group);
        adapters.vest().next(Fault.HALT_AFTER_SEND);
        adapters.paradex().next(Fault.HOLD);
        final Journal journal = SqliteJournal.open(journalFile, Journal.Synchronous.FULL);
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
