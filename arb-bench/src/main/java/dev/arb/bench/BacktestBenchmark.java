package dev.arb.bench;

import dev.arb.api.MarketSpec;
import dev.arb.backtest.BacktestSession;
import dev.arb.backtest.BacktestVenue;
import dev.arb.backtest.PairedCaptureFeed;
import dev.arb.backtest.VirtualTime;
import dev.arb.capture.CaptureCursor;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ThresholdSpreadStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Backtest throughput on one thread: frames per second of a paired capture (record format) through
 * <ul>
 *   <li>{@link #read}: the capture reader alone ({@link CaptureCursor}: line split, JSON unescape or Base64);
 *       {@link #readJackson}: the Jackson-tree reader it replaced, for the ratio;</li>
 *   <li>{@link #feed}: reader, the venues' real decoders and the books ({@link PairedCaptureFeed} into two
 *       {@link BacktestVenue}s with no engine subscribed);</li>
 *   <li>{@link #backtest}: all of it plus the strategy and the engine ({@link BacktestSession}: the built-in
 *       {@link ThresholdSpreadStrategy}, risk guard, in-memory journal, fills against the recorded books), the
 *       whole {@code arb backtest} minus writing the result.</li>
 * </ul>
 * The captures come from {@code -p dir=DIR} ({@code DIR/paradex.jsonl}, {@code DIR/vest.jsonl}: e.g. {@code arb record
 * --sim --fast}); {@code -p paradexOnly=true} feeds only the Paradex capture, {@code -p vestOnly=true} only the
 * Vest one, for per-format figures; {@code -p dir=real-paradex} feeds the live Paradex SBE capture shipped in
 * this module, tiled 20,000 times (real frame sizes: most deltas carry a few levels, where the simulator's carry
 * about forty). JMH reports the {@code frames} counter per second: that is the throughput.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default): the backtester is single-threaded per run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BacktestBenchmark {
    /** {@code -p dir=real-paradex}: the live Paradex SBE capture, tiled; no Vest frames. */
    static final String REAL_PARADEX = "real-paradex";
    private static final String REAL_PARADEX_RESOURCE = "btc-order-book-deltas-2026-10-08.head.jsonl";
    private static final int TILES = 20_000;
    private static final MarketSpec VEST = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(8)
        .sizeScale(8).tickSize(1_000_000).stepSize(10_000).takerFeeRate(new BigDecimal("0.0001")).build();
    private static final MarketSpec PARADEX = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP")
        .priceScale(8).sizeScale(8).tickSize(10_000_000).stepSize(1_000).minNotionalUsd(new BigDecimal("10"))
        .takerFeeRate(new BigDecimal("0.0003")).build();

    /** Directory holding {@code paradex.jsonl} and {@code vest.jsonl}. */
    @Param("cap")
    public String dir;

    /** Feed only the Paradex capture. */
    @Param("false")
    public boolean paradexOnly;

    /** Feed only the Vest capture. */
    @Param("false")
    public boolean vestOnly;

    private byte[] paradex;
    private byte[] vest;

    /** Frames processed, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Frames {
        /** Frames processed in this iteration. */
        public long frames;

        /** Resets the counter per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    /**
     * Loads the captures into memory.
     *
     * @throws IOException if a file cannot be read
     */
    @Setup
    public void load() throws IOException {
        if (REAL_PARADEX.equals(dir)) {
            paradex = tiledRealParadex(TILES);
            vest = new byte[0];
            return;
        }
        paradex = vestOnly ? new byte[0] : Files.readAllBytes(Path.of(dir, "paradex.jsonl"));
        vest = paradexOnly ? new byte[0] : Files.readAllBytes(Path.of(dir, "vest.jsonl"));
    }

    /**
     * The live Paradex SBE capture ({@code order_book.BTC-USD-PERP.deltas}, 2026-10-08, FueledByChai fixtures:
     * a JSON ack, a snapshot of 175 levels, 10 deltas of 1-6 levels) repeated {@code tiles} times, each copy
     * shifted in time after the last, so every copy starts with its snapshot and the deltas follow in sequence;
     * the JSON subscription ack only once, as in a real capture.
     *
     * @param tiles copies
     * @return the capture bytes
     * @throws IOException if the resource cannot be read
     */
    static byte[] tiledRealParadex(final int tiles) throws IOException {
        final List<String> lines;
        try (InputStream in = BacktestBenchmark.class.getResourceAsStream(REAL_PARADEX_RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }
        final Pattern t = Pattern.compile("^\\{\"t_ns\": (\\d+),");
        final long first = Long.parseLong(firstMatch(t, lines.get(0)));
        final long span = Long.parseLong(firstMatch(t, lines.get(lines.size() - 1))) - first + 1_000_000;
        final StringBuilder out = new StringBuilder();
        for (int k = 0; k < tiles; k++) {
            for (String line : lines) {
                final Matcher m = t.matcher(line);
                if (m.find() && (k == 0 || line.contains("\"opcode\": \"binary\""))) { // one subscription ack
                    out.append("{\"t_ns\": ").append(Long.parseLong(m.group(1)) + k * span).append(',')
                        .append(line, m.end(), line.length()).append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String firstMatch(final Pattern p, final String line) {
        final Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no t_ns in " + line);
        }
        return m.group(1);
    }

    /**
     * @param counter frames counter
     * @return a value JMH consumes
     * @throws IOException never (in-memory input)
     */
    @Benchmark
    public long read(final Frames counter) throws IOException {
        long sum = 0;
        for (byte[] capture : new byte[][] {paradex, vest}) {
            final CaptureCursor c = new CaptureCursor(new ByteArrayInputStream(capture));
            while (c.next()) {
                sum += c.length();
                counter.frames++;
            }
        }
        return sum;
    }

    /**
     * The reader the backtester used before {@link CaptureCursor} (and {@code replay} still uses): a Jackson tree,
     * a String and a Base64 array per line, {@link CaptureReader}. For the side-by-side ratio with {@link #read}.
     *
     * @param counter frames counter
     * @return a value JMH consumes
     * @throws IOException never (in-memory input)
     */
    @Benchmark
    public long readJackson(final Frames counter) throws IOException {
        long sum = 0;
        for (byte[] capture : new byte[][] {paradex, vest}) {
            final CaptureReader r = new CaptureReader(new InputStreamReader(new ByteArrayInputStream(capture),
                StandardCharsets.UTF_8));
            for (CapturedFrame f = r.next(); f != null; f = r.next()) {
                sum += f.opcode() == CapturedFrame.Opcode.BINARY ? f.payloadLength()
                    : f.text().getBytes(StandardCharsets.UTF_8).length;
                counter.frames++;
            }
        }
        return sum;
    }

    /**
     * @param counter frames counter
     * @return a value JMH consumes
     * @throws IOException never (in-memory input)
     */
    @Benchmark
    public long feed(final Frames counter) throws IOException {
        final VirtualTime time = new VirtualTime(0L);
        final BacktestVenue v = BacktestVenue.builder().venue("vest").time(time).market(VEST).build();
        final BacktestVenue p = BacktestVenue.builder().venue("paradex").time(time).market(PARADEX).build();
        final PairedCaptureFeed f = new PairedCaptureFeed(time, v, VEST.symbol(), p, PARADEX.symbol());
        f.run(in(paradex), in(vest), null);
        counter.frames += f.frames();
        return v.book(VEST.symbol()).sequence() + p.book(PARADEX.symbol()).sequence();
    }

    /**
     * @param counter frames counter
     * @return a value JMH consumes
     * @throws IOException never (in-memory input)
     */
    @Benchmark
    public long backtest(final Frames counter) throws IOException {
        final ExecutorConfig config = ExecutorConfig.builder().entryThresholdPct(0.05).exitThresholdPct(0.0)
            .positionSizeBase(new BigDecimal("0.01")).useVwap(true).maxQuoteAgeMs(5_000).deltaCheckIntervalMs(0)
            .build();
        final BacktestSession s = BacktestSession.builder().markets(VEST, PARADEX).config(config)
            .strategy(new ThresholdSpreadStrategy(), "built-in", ThresholdSpreadStrategy.parametersFrom(config))
            .latencyNanos(25_000_000).build();
        s.run(in(paradex), in(vest), null);
        counter.frames += s.feed().frames();
        return s.executor().stats().entries();
    }

    private static InputStream in(final byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
