package dev.arb.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.Position;
import dev.arb.api.Secret;
import dev.arb.executor.BreakerStatus;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.sim.process.GcTotals;
import dev.arb.sim.process.TickBoard;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One path's trading stack against the simulator process, as the bot builds it: both real adapters on one
 * event loop (Vest's REST and Paradex's REST and WebSocket through the simulator process's stamping relays; Vest
 * market data straight to the simulator), a {@link SqliteJournal} with {@code synchronous: normal}, a
 * {@link RiskGuard} with position and loss limits, and a {@link DeltaNeutralExecutor} running the
 * {@link TickStrategy}, its state on the event loop. Client-side rate limits are raised to 1,000/s: the harness
 * measures latency, not throttling.
 *
 * <p><b>Note:</b> not thread-safe; one control thread (never the event loop).
 */
final class PathRun implements AutoCloseable {
    private static final String VEST_MARKET = "BTC-PERP";
    private static final String PARADEX_MARKET = "BTC-USD-PERP";
    private static final long BOOK_AGE_MS = TimeUnit.MINUTES.toMillis(10);
    /**
     * The wait for the flatten at close, s: when a venue's position cannot be read the engine retries the read 10
     * times (200 ms × 1..10, 11 s) before each of its attempts and its final check, about 45 s, then fails.
     */
    private static final int FLATTEN_WAIT_S = 60;

    private final TickBoard board;
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1);
    private final EventLoop state = loop.next();
    private final VestAdapter vest;
    private final ParadexAdapter paradex;
    private final Journal journal;
    private final RoundRecorder recorder = new RoundRecorder();
    private final DeltaNeutralExecutor executor;
    private final RiskGuard risk;

    /**
     * Connects both adapters and starts the executor (its books fill on the next ticks).
     *
     * @param ready   the simulator process's ready line
     * @param board   its tick board
     * @param path    old or new order path
     * @param journal the journal file (created)
     * @throws Exception if an adapter does not connect within 30 s or the executor cannot start
     */
    PathRun(final JsonNode ready, final TickBoard board, final HarnessPath path, final Path journal) throws Exception {
        this.board = board;
        vest = new VestAdapter(path.vest(VestConfig.builder()
            .restBaseUrl(ready.path("vestOrderRestUrl").asText())
            .wsUrl(ready.path("vestWsUrl").asText())
            .accountGroup(ready.path("vestAccountGroup").asInt())
            .apiKey(Secret.of(ready.path("vestApiKey").asText()))
            .signingKey(Secret.of(ready.path("vestSigningKey").asText()))
            .primaryAddress("0x" + "0".repeat(39) + "1")
            .maxBookAgeMs(BOOK_AGE_MS)
            .ordersPerSecond(1_000)
            .eventLoopGroup(loop)).build());
        paradex = new ParadexAdapter(path.paradex(ParadexConfig.builder()
            .restBaseUrl(ready.path("paradexOrderRestUrl").asText())
            .wsUrl(ready.path("paradexOrderWsUrl").asText())
            .chainId(ready.path("paradexChainId").asText())
            .accountAddress(ready.path("paradexAccount").asText())
            .privateKey(Secret.of(ready.path("paradexPrivateKey").asText()))
            .sbe(true)
            .maxBookAgeMs(BOOK_AGE_MS)
            .orderRequestsPerSecond(1_000)
            .privateGetRequestsPerSecond(1_000)
            .eventLoopGroup(loop)).build());
        this.journal = SqliteJournal.open(journal, Journal.Synchronous.NORMAL);
        try {
            vest.connect().get(30, TimeUnit.SECONDS);
            paradex.connect().get(30, TimeUnit.SECONDS);
            final ExecutorConfig config = path.executor(ExecutorConfig.builder()
                .positionSizeBase(new BigDecimal("0.001"))
                .slippageBps(50)
                .maxQuoteAgeMs(TimeUnit.SECONDS.toMillis(10))
                .maxSkewMs(TimeUnit.HOURS.toMillis(1))  // manual Vest stepping: the venues' clocks differ
                .maxConsecutiveErrors(5)).build();
            // No daily loss limit: the strategy trades every tick whatever the spread and loses the touch and fees
            // on each round (about 0.03 USD), so any limit is reached by a long enough run (1,000 USD by 10 min at
            // 100/s) and would then halt it. The position limit and the breaker stay.
            risk = new RiskGuard(new RiskLimits(new BigDecimal("0.01"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, 5, Duration.ofSeconds(1)), AlertSink.log(), this.journal, Clock.systemUTC());
            executor = new DeltaNeutralExecutor(vest, VEST_MARKET, paradex, PARADEX_MARKET, config, state, recorder,
                new ExecutorContext("e2e-" + path.name().toLowerCase(java.util.Locale.ROOT), this.journal,
                    AlertSink.log(), risk, startFlat()),
                new TickStrategy(board, recorder), "built-in", Map.of());
            executor.start();
        } catch (Exception | Error e) {
            closeAdapters();
            throw e;
        }
    }

    /**
     * A run starts flat: a position left on the simulators (a previous run's flatten failed) is reported and the
     * executor flattens it at start (reconciliation {@link ReconcilePolicy#FLATTEN}) before it trades.
     *
     * @return null when both venues are flat, else {@link ReconcilePolicy#FLATTEN}
     */
    private ReconcilePolicy startFlat() throws Exception {
        final Position v = vest.position(VEST_MARKET).get(10, TimeUnit.SECONDS);
        final Position p = paradex.position(PARADEX_MARKET).get(10, TimeUnit.SECONDS);
        if (v.isFlat() && p.isFlat()) {
            return null;
        }
        System.err.println("e2e: the run starts with a position left on the simulators: Vest "
            + v.sizeDecimal().toPlainString() + ", Paradex " + p.sizeDecimal().toPlainString()
            + "; the executor flattens it before trading");
        return ReconcilePolicy.FLATTEN;
    }

    /**
     * Paces {@code ticks} ticks, waits for the last round's acks, then starts a new measurement window: the
     * recorder and the simulator's stamps are cleared.
     *
     * @param sim           the simulator process
     * @param ratePerSecond offered rate
     * @param ticks         warm-up ticks
     * @throws Exception if the simulator process died or the event loop failed
     */
    void warmUp(final SimProcessHandle sim, final int ratePerSecond, final int ticks) throws Exception {
        sim.pace(ratePerSecond, ticks);
        awaitQuiet(board.tick());
        onLoop(() -> {
            recorder.reset();
            return null;
        });
        sim.stamps();
    }

    /**
     * Measures {@code ticks} ticks at {@code ratePerSecond}.
     *
     * @param sim           the simulator process
     * @param ratePerSecond offered rate
     * @param ticks         ticks measured
     * @param path          the path, for the result
     * @return the histograms and counters of the window
     * @throws Exception if the simulator process died or the event loop failed
     */
    RunResult measure(final SimProcessHandle sim, final int ratePerSecond, final int ticks, final HarnessPath path)
        throws Exception {
        final SimProcessHandle.Stamps before = sim.stamps();
        final ExecutorStats stats0 = executor.stats();
        final GcTotals gc0 = GcTotals.now();
        final ThreadAllocations alloc0 = ThreadAllocations.now();
        final long hits0 = paradex.signer().prehashHits();
        final long misses0 = paradex.signer().prehashMisses();
        final SimProcessHandle.Paced paced = sim.pace(ratePerSecond, ticks);
        awaitQuiet(board.tick());
        final GcTotals gc = GcTotals.now().minus(gc0);
        final ThreadAllocations allocated = ThreadAllocations.now().minus(alloc0);
        final SimProcessHandle.Stamps after = sim.stamps();
        final ExecutorStats stats = executor.stats();
        final BreakerStatus breaker = risk.status();
        return onLoop(() -> {
            recorder.matchArrivals(RoundRecorder.VEST, after.vestNanos(), after.vestLastNanos());
            recorder.matchArrivals(RoundRecorder.PARADEX, after.paradexNanos(), after.paradexLastNanos());
            return RunResult.of(ratePerSecond, path, ticks, paced.maxLateUs(), recorder, gc,
                after.gc().minus(before.gc()), EngineCounters.of(recorder.decisions - recorder.handedOver, stats0,
                    stats, breaker, paced), paradex.signer().prehashHits() - hits0,
                paradex.signer().prehashMisses() - misses0, allocated);
        });
    }

    /**
     * Waits (up to 10 s) until the strategy has seen the last paced tick and the last round has both acks: a tick
     * whose frame is still on its way when the pace ends must not be decided after the window closes.
     */
    private void awaitQuiet(final long lastTick) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!onLoop(() -> recorder.lastTickSeen() >= lastTick && recorder.quiet())
            && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private <T> T onLoop(final Callable<T> task) throws Exception {
        return state.submit(task).get(10, TimeUnit.SECONDS);
    }

    /**
     * Flattens (best effort; waits up to {@value #FLATTEN_WAIT_S} s, longer than the engine's own bound when a
     * venue's position cannot be read, so that its reason is printed rather than a time-out), stops the executor,
     * closes the adapters, the journal and the event loop.
     */
    @Override
    public void close() {
        try {
            executor.flatten().get(FLATTEN_WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            final ExecutorStats s = executor.stats();
            System.err.println("e2e: flatten at the end of a run failed: " + e + " (executor " + s.state()
                + ", positions Vest " + s.positionA().toPlainString() + " Paradex " + s.positionB().toPlainString()
                + (s.haltReason() == null ? "" : ", halted: " + s.haltReason()) + ")");
        }
        executor.stop();
        closeAdapters();
    }

    private void closeAdapters() {
        vest.close();
        paradex.close();
        journal.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

}
