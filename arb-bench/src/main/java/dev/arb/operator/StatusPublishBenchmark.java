package dev.arb.operator;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.bench.BookOnlyAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.MarketSnapshot;
import dev.arb.executor.RiskGuard;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the operator plane costs: {@link #captureMarket} is the part that runs on the engine's thread
 * (four times a second per bot: copy both tops of book and the spreads into a reused snapshot; it must
 * not allocate), {@link #buildStatus} the part on the publisher's own thread (read the snapshot, build and
 * serialise the status JSON). One bot, two 20-level books at different scales, the built-in strategy.
 * In package {@code dev.arb.operator} to reach the package-private {@link StatusPublisher}.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the engine's single thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StatusPublishBenchmark {
    private static final MarketSpec SPEC_A = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(1).takerFeeRate(new BigDecimal("0.0002")).build();
    private static final MarketSpec SPEC_B = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP").priceScale(8)
        .sizeScale(8).tickSize(10_000_000).stepSize(100_000).takerFeeRate(new BigDecimal("0.0002")).build();

    private DeltaNeutralExecutor executor;
    private final MarketSnapshot snapshot = new MarketSnapshot();
    private StatusPublisher publisher;

    /** Starts one executor over two book-only venues and fills both books with 20 levels a side. */
    @Setup
    public void setUp() {
        final BookOnlyAdapter a = new BookOnlyAdapter(SPEC_A);
        final BookOnlyAdapter b = new BookOnlyAdapter(SPEC_B);
        fill(a.book(), 9_700_000L, 1L, 1_000L, 0);
        fill(b.book(), 97_001_00_000_000L, 1_000_000L, 10_000_000L, 1);
        executor = new DeltaNeutralExecutor(a, SPEC_A.symbol(), b, SPEC_B.symbol(),
            ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.5")).maxQuoteAgeMs(3_600_000L)
                .useVwap(true).build(), Runnable::run, new ExecutionListener() { });
        executor.start();
        final Map<String, DeltaNeutralExecutor> bots = new LinkedHashMap<>();
        bots.put("btc-vest-paradex", executor);
        final Map<String, ExchangeAdapter> venues = new LinkedHashMap<>();
        venues.put("vest", a);
        venues.put("paradex", b);
        final RiskGuard risk = RiskGuard.errorsOnly(5);
        publisher = new StatusPublisher(new SimpleOperatorSource("bench", bots, risk, venues, Runnable::run),
            new OperatorEvents(), "enabled");
    }

    private static void fill(final OrderBook book, final long mid, final long tick, final long size, final int skew) {
        book.clear();
        for (int i = 0; i < 20; i++) {
            book.updateBid(mid - (i + 1 + skew) * tick, size * (i + 1));
            book.updateAsk(mid + (i + 1) * tick, size * (i + 1));
        }
        book.stamp(1, 0, System.nanoTime());
        book.markValid();
    }

    /** @return the snapshot's version (consumed): the engine-thread part, per bot */
    @Benchmark
    public long captureMarket() {
        executor.captureMarket(snapshot);
        return snapshot.version();
    }

    /** @return the status JSON: the publisher-thread part (capture included) */
    @Benchmark
    public String buildStatus() throws Exception {
        publisher.captureTask().run();
        return publisher.build();
    }
}
