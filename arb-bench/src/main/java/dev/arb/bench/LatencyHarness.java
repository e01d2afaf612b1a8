package dev.arb.bench;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * End-to-end latency harness: both simulators and the real adapters on loopback, driven at a fixed
 * offered rate. Each tick, at its planned time, the Vest simulator publishes the next book step
 * ({@link VestSimulator#advance()}, manual stepping); the Vest adapter's book listener runs the
 * decision (spread on both books) and places one IOC leg on each venue (alternating sides, so the
 * position stays flat); a {@link TimestampingProxy} in front of each simulator's REST port stamps
 * the order's arrival; the adapters' futures stamp the acks. Recorded into HdrHistogram, in µs:
 * <ul>
 *   <li>tick-to-decision: from the tick's planned send time (no coordinated omission: a late tick
 *       still counts from when it should have been sent) to the start of the decision;</li>
 *   <li>decision-to-wire, per leg: decision to the order's first byte at the simulator's socket
 *       (encode + sign + HTTP write; the legs are placed one after the other, Vest first);</li>
 *   <li>decision-to-both-acks: decision to the later of the two acks.</li>
 * </ul>
 * The Paradex simulator keeps its own 100 ms timer (it has no manual stepping); its book only has to
 * be valid. The adapters' client-side order rate limits are raised to 1,000/s: this measures latency,
 * not throttling. GC counts and pause totals come from {@link GarbageCollectorMXBean}s, per rate.
 *
 * <p>Run: {@code java -cp arb-bench/target/benchmarks.jar dev.arb.bench.LatencyHarness [seconds]
 * [rate,rate,...]} (defaults 20 s at 5,10,20 ticks/s; at 50/s the Paradex adapter's client-side
 * per-minute budget of private GETs, which it uses to poll each IOC order, rejects legs).
 *
 * <p><b>Note:</b> not thread-safe; one run per instance.
 */
public final class LatencyHarness implements AutoCloseable {
    private static final String VEST_MARKET = "BTC-PERP";
    private static final String PARADEX_MARKET = "BTC-USD-PERP";
    private static final long HIGHEST_US = TimeUnit.SECONDS.toMicros(60);

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final VestSimulator vestSim;
    private final ParadexSimulator paradexSim;
    private final TimestampingProxy vestProxy;
    private final TimestampingProxy paradexProxy;
    private final VestAdapter vest;
    private final ParadexAdapter paradex;
    private final SpreadCalculator calculator = new SpreadCalculator(SpreadConfig.builder().takerFeeBpsA(1)
        .takerFeeBpsB(3).maxBookAgeMs(TimeUnit.MINUTES.toMillis(10)).build());
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private final ConcurrentLinkedQueue<Long> plannedTicks = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> rounds = new ArrayList<>();
    private final AtomicLong failedLegs = new AtomicLong();
    private final AtomicLong handledTicks = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstError =
        new java.util.concurrent.atomic.AtomicReference<>();
    private final List<long[]> decisions = new ArrayList<>();
    private volatile boolean active;
    private long decisionCount;
    private MarketSpec vestSpec;
    private MarketSpec paradexSpec;

    private ConcurrentHistogram tickToDecision;
    private ConcurrentHistogram bothAcks;

    /** Result of one rate. */
    public record RateResult(int ratePerSecond, int ticks, long decisions, long failedLegs, String firstError,
        Histogram tickToDecisionUs, Histogram vestWireUs, Histogram paradexWireUs, Histogram bothAcksUs, long gcCount,
        long gcPauseMs) {
    }

    /**
     * Starts both simulators (seeded model), registers fresh credentials, connects both adapters through
     * the timestamping proxies and waits for both books.
     *
     * @param seed market model seed
     * @throws Exception if a simulator, proxy or adapter cannot start within 30 s
     */
    public LatencyHarness(final long seed) throws Exception {
        final MarketModel model = new MarketModel(MarketModel.Config.defaults(seed));
        vestSim = VestSimulator.start(model, VestSimulator.Options.builder().manualStepping(true).build());
        paradexSim = ParadexSimulator.start(model, ParadexSimulator.Options.defaults());
        vestProxy = new TimestampingProxy(URI.create(vestSim.restBaseUrl()).getPort(), "POST /v2/orders ");
        paradexProxy = new TimestampingProxy(URI.create(paradexSim.restBaseUrl()).getPort(), "POST /v1/orders ");

        final Secret vestKey = Secret.of(Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64));
        final String vestApiKey = vestSim.registerSigner(VestSigner.fromPrivateKey(vestKey).address());
        vest = new VestAdapter(VestConfig.builder()
            .restBaseUrl("http://127.0.0.1:" + vestProxy.port() + "/v2")
            .wsUrl(vestSim.wsUrl())
            .accountGroup(0)
            .apiKey(Secret.of(vestApiKey))
            .signingKey(vestKey)
            .primaryAddress("0x" + "0".repeat(39) + "1")
            .maxBookAgeMs(TimeUnit.MINUTES.toMillis(10))
            .ordersPerSecond(1_000)
            // -Darb.bench.vestNettyOrderEntry=false: the JDK HttpClient order path, to compare (issue 14 §3)
            .nettyOrderEntry(Boolean.parseBoolean(System.getProperty("arb.bench.vestNettyOrderEntry", "true")))
            .eventLoopGroup(loop)
            .build());

        final Secret paradexKey = ParadexSigner.randomPrivateKey();
        final String account = "0x" + new BigInteger(250, new SecureRandom()).toString(16);
        final ParadexSigner signer = new ParadexSigner(paradexSim.chainId(), account, paradexKey);
        paradexSim.registerAccount(account, signer.publicKey());
        paradex = new ParadexAdapter(ParadexConfig.builder()
            .restBaseUrl("http://127.0.0.1:" + paradexProxy.port() + "/v1")
            .wsUrl(paradexSim.wsUrl())
            .chainId(paradexSim.chainId())
            .accountAddress(account)
            .privateKey(paradexKey)
            .maxBookAgeMs(TimeUnit.MINUTES.toMillis(10))
            .orderRequestsPerSecond(1_000)
            .privateGetRequestsPerSecond(1_000)
            .eventLoopGroup(loop)
            .build());

        CompletableFuture.allOf(vest.connect(), paradex.connect()).get(30, TimeUnit.SECONDS);
        vestSpec = vest.marketSpec(VEST_MARKET);
        paradexSpec = paradex.marketSpec(PARADEX_MARKET);
        paradex.subscribeOrderBook(PARADEX_MARKET, book -> { });
        vest.subscribeOrderBook(VEST_MARKET, this::onVestBook);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(bookReady(vest.orderBook(VEST_MARKET)) && bookReady(paradex.orderBook(PARADEX_MARKET)))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("books not ready within 30 s");
            }
            vestSim.advance();
            Thread.sleep(20);
        }
    }

    private static boolean bookReady(final OrderBook book) {
        return book != null && book.isValid() && book.bidLevels() > 0 && book.askLevels() > 0;
    }

    /** Event-loop thread: a Vest book update. */
    private void onVestBook(final OrderBook vestBook) {
        final Long planned = plannedTicks.poll();
        if (!active || planned == null) {
            return;
        }
        final long decisionNs = System.nanoTime();
        tickToDecision.recordValue(Math.max(0, (decisionNs - planned) / 1_000));
        final OrderBook paradexBook = paradex.orderBook(PARADEX_MARKET);
        calculator.compute(vestBook, paradexBook, decisionNs, snapshot);
        // the harness acts on every tick (the threshold is not the subject here): one IOC leg per venue
        final boolean buyVest = (decisionCount++ & 1) == 0;
        final long[] stamps = new long[4]; // decision, vest ack, paradex ack
        stamps[0] = decisionNs;
        final CompletableFuture<OrderUpdate> v = vest.placeOrder(ioc(VEST_MARKET, vestSpec, vestBook, buyVest, "v"));
        final CompletableFuture<OrderUpdate> p =
            paradex.placeOrder(ioc(PARADEX_MARKET, paradexSpec, paradexBook, !buyVest, "p"));
        final CompletableFuture<Void> round = CompletableFuture.allOf(
            v.handle((u, e) -> ack(stamps, 1, e)), p.handle((u, e) -> ack(stamps, 2, e)))
            .thenRun(() -> bothAcks.recordValue(Math.max(0, (Math.max(stamps[1], stamps[2]) - decisionNs) / 1_000)));
        synchronized (rounds) {
            rounds.add(round);
            decisions.add(stamps);
        }
        handledTicks.incrementAndGet();
    }

    private Void ack(final long[] stamps, final int index, final Throwable error) {
        stamps[index] = System.nanoTime();
        if (error != null) {
            failedLegs.incrementAndGet();
            final Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
            firstError.compareAndSet(null, (index == 1 ? "Vest: " : "Paradex: ") + cause);
        }
        return null;
    }

    private OrderRequest ioc(final String market, final MarketSpec spec, final OrderBook book, final boolean buy,
        final String tag) {
        final long price = buy ? book.askPrice(0) : book.bidPrice(0);
        // about 20 USD notional, rounded up to the step size, at least the minimum size
        final double priceUsd = price / Math.pow(10, spec.priceScale());
        long size = (long) Math.ceil(20.0 / priceUsd * Math.pow(10, spec.sizeScale()));
        size = Math.max(spec.minSize(), ((size + spec.stepSize() - 1) / spec.stepSize()) * spec.stepSize());
        return OrderRequest.builder().market(market).side(buy ? Side.BUY : Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(size).limitPrice(price)
            .clientOrderId("h" + tag + decisionCount + "-" + System.nanoTime()).build();
    }

    /**
     * Runs one rate.
     *
     * @param ratePerSecond ticks per second offered
     * @param seconds       duration of the run
     * @return the histograms and GC totals of the run
     * @throws InterruptedException if interrupted
     */
    public RateResult run(final int ratePerSecond, final double seconds) throws InterruptedException {
        tickToDecision = new ConcurrentHistogram(HIGHEST_US, 3);
        bothAcks = new ConcurrentHistogram(HIGHEST_US, 3);
        synchronized (rounds) {
            rounds.clear();
            decisions.clear();
        }
        vestProxy.arrivals().clear();
        paradexProxy.arrivals().clear();
        plannedTicks.clear();
        failedLegs.set(0);
        firstError.set(null);
        handledTicks.set(0);
        final long[] gcBefore = gc();
        final int ticks = Math.max(1, (int) Math.round(ratePerSecond * seconds));
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        active = true;
        for (int i = 0; i < ticks; i++) {
            final long planned = start + i * periodNs;
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                if (wait > 100_000) {
                    LockSupport.parkNanos(wait - 50_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            plannedTicks.add(planned);
            vestSim.advance();
        }
        final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handledTicks.get() < ticks && System.nanoTime() < drainDeadline) {
            Thread.sleep(1);
        }
        final List<CompletableFuture<Void>> all;
        synchronized (rounds) {
            all = new ArrayList<>(rounds);
        }
        try {
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted as failed legs below
        }
        active = false;
        final long[] gcAfter = gc();
        final Histogram vestWire = new Histogram(HIGHEST_US, 3);
        final Histogram paradexWire = new Histogram(HIGHEST_US, 3);
        synchronized (rounds) {
            for (final long[] d : decisions) {
                record(vestWire, vestProxy.arrivals().poll(), d[0]);
                record(paradexWire, paradexProxy.arrivals().poll(), d[0]);
            }
        }
        final long decided;
        synchronized (rounds) {
            decided = decisions.size();
        }
        return new RateResult(ratePerSecond, ticks, decided, failedLegs.get(), firstError.get(), tickToDecision.copy(),
            vestWire,
            paradexWire, bothAcks.copy(), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    private static void record(final Histogram h, final Long arrival, final long decisionNs) {
        if (arrival != null) {
            h.recordValue(Math.max(0, (arrival - decisionNs) / 1_000));
        }
    }

    private static long[] gc() {
        long count = 0;
        long ms = 0;
        for (final GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            ms += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    /**
     * Prints one result as a table block.
     *
     * @param r   the result
     * @param out where to print
     */
    public static void print(final RateResult r, final PrintStream out) {
        out.printf(Locale.ROOT, "rate %d ticks/s: %d ticks, %d decisions, %d failed legs, GC %d collections / %d ms%n",
            r.ratePerSecond(), r.ticks(), r.decisions(), r.failedLegs(), r.gcCount(), r.gcPauseMs());
        if (r.firstError() != null) {
            out.println("  first failed leg: " + r.firstError());
        }
        out.printf(Locale.ROOT, "  %-26s %10s %10s %10s %10s %8s%n", "µs", "p50", "p99", "p99.9", "max", "count");
        row(out, "tick-to-decision", r.tickToDecisionUs());
        row(out, "decision-to-wire Vest", r.vestWireUs());
        row(out, "decision-to-wire Paradex", r.paradexWireUs());
        row(out, "decision-to-both-acks", r.bothAcksUs());
    }

    private static void row(final PrintStream out, final String name, final Histogram h) {
        out.printf(Locale.ROOT, "  %-26s %10d %10d %10d %10d %8d%n", name, h.getValueAtPercentile(50),
            h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
    }

    @Override
    public void close() {
        vest.close();
        paradex.close();
        vestProxy.close();
        paradexProxy.close();
        vestSim.close();
        paradexSim.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * @param args {@code [seconds per rate] [comma-separated rates]}; defaults 20 and 5,10,20
     * @throws Exception if the harness cannot start
     */
    public static void main(final String[] args) throws Exception {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        final String[] rates = (args.length > 1 ? args[1] : "5,10,20").split(",");
        try (LatencyHarness h = new LatencyHarness(42)) {
            h.run(10, 3); // warm-up: JIT, connections, tables
            System.out.printf(Locale.ROOT, "JVM %s, %d CPUs%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
            for (final String rate : rates) {
                print(h.run(Integer.parseInt(rate.trim()), seconds), System.out);
            }
        }
    }
}
