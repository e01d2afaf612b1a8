package dev.arb.backtest;

import dev.arb.api.MarketSpec;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.journal.Journal;
import dev.arb.strategy.api.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One backtest: the real engine ({@link DeltaNeutralExecutor}: strategy, gates, risk guard, in-memory journal,
 * order state machine, unwind) trading two {@link BacktestVenue}s (Vest as leg A, Paradex as leg B) on a
 * {@link VirtualTime} clock, fed by {@link PairedCaptureFeed}. {@link #run} replays both captures and then
 * flattens, as the live bot does on stop; the engine, the venues and the feed stay readable afterwards for the
 * results.
 *
 * <p>Deterministic: the same captures, configuration, strategy and parameters give the same orders, fills and
 * PnL, run after run (no wall clock, no threads).
 *
 * <p><b>Note:</b> not thread-safe; one run per instance, on the calling thread. Independent sessions may run on
 * different threads at once (a parameter sweep).
 */
public final class BacktestSession {
    /** How long after the last frame the closing flatten may take, virtual ns. */
    static final long END_GRACE_NS = TimeUnit.SECONDS.toNanos(30);

    private final VirtualTime time = new VirtualTime(0L);
    private final BacktestVenue vest;
    private final BacktestVenue paradex;
    private final String vestMarket;
    private final String paradexMarket;
    private final long latencyNanos;
    private final DeltaNeutralExecutor executor;
    private final PairedCaptureFeed feed;
    private boolean ran;
    private boolean endedFlat;

    private BacktestSession(final Builder b) {
        this.vestMarket = b.vestSpec.symbol();
        this.paradexMarket = b.paradexSpec.symbol();
        this.latencyNanos = b.latencyNanos;
        this.vest = BacktestVenue.builder().venue("vest").time(time).market(b.vestSpec).latencyNanos(latencyNanos)
            .build();
        this.paradex = BacktestVenue.builder().venue("paradex").time(time).market(b.paradexSpec)
            .latencyNanos(latencyNanos).build();
        final Journal journal = Journal.inMemory();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(b.config.maxConsecutiveErrors()), a -> { },
            journal, time.clock());
        this.executor = new DeltaNeutralExecutor(vest, vestMarket, paradex, paradexMarket, b.config,
            time.executor(), b.listener, new ExecutorContext(b.botId, journal, a -> { }, risk, null,
                time.asTimeSource()), b.strategy, b.source, b.parameters);
        this.feed = new PairedCaptureFeed(time, vest, vestMarket, paradex, paradexMarket)
            .paradexFundingPeriodHours(b.paradexFundingPeriodHours);
        executor.start();
        time.runUntilIdle();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Replays both captures through the engine, then flattens (allowing {@code 30 s} of virtual time for it).
     *
     * @param paradexCapture the Paradex capture bytes (record format, SBE binary or JSON text frames)
     * @param vestCapture    the Vest capture bytes
     * @param afterFrame     called on this thread after each frame once the engine has drained, with the
     *                       frame's receive time (ns), or null
     * @throws IOException           if reading fails
     * @throws IllegalStateException if this session already ran
     */
    public void run(final InputStream paradexCapture, final InputStream vestCapture, final LongConsumer afterFrame)
        throws IOException {
        if (ran) {
            throw new IllegalStateException("a backtest session runs once");
        }
        ran = true;
        feed.run(paradexCapture, vestCapture, afterFrame);
        final CompletableFuture<Void> flat = executor.flatten();
        time.runUntilIdle();
        final long deadline = time.nanoTime() + END_GRACE_NS;
        while (!flat.isDone() && time.nanoTime() < deadline) {
            time.advanceTo(time.nanoTime() + latencyNanos + 1);
        }
        endedFlat = flat.isDone() && !flat.isCompletedExceptionally();
    }

    /** @return the engine (its stats, PnL, parameters) */
    public DeltaNeutralExecutor executor() {
        return executor;
    }

    /** @return the feed (frames, malformed frames, the captures' time span) */
    public PairedCaptureFeed feed() {
        return feed;
    }

    /** @return the virtual clock (ns readings are the captures' receive times) */
    public VirtualTime time() {
        return time;
    }

    /** @return the Vest venue (leg A) */
    public BacktestVenue vest() {
        return vest;
    }

    /** @return the Paradex venue (leg B) */
    public BacktestVenue paradex() {
        return paradex;
    }

    /** @return the Vest market symbol */
    public String vestMarket() {
        return vestMarket;
    }

    /** @return the Paradex market symbol */
    public String paradexMarket() {
        return paradexMarket;
    }

    /** @return {@code true} if the closing flatten completed (both legs flat) */
    public boolean endedFlat() {
        return endedFlat;
    }

    /** Builds a {@link BacktestSession}. Not thread-safe. */
    public static final class Builder {
        private MarketSpec vestSpec;
        private MarketSpec paradexSpec;
        private ExecutorConfig config;
        private Strategy strategy;
        private String source = "built-in";
        private Map<String, String> parameters = Map.of();
        private ExecutionListener listener = new ExecutionListener() { };
        private String botId = "backtest";
        private long latencyNanos;
        private double paradexFundingPeriodHours = PairedCaptureFeed.DEFAULT_PARADEX_FUNDING_PERIOD_HOURS;

        private Builder() {
        }

        /**
         * @param vest    the Vest market (symbol, tick and step, taker fee)
         * @param paradex the Paradex market
         * @return this
         */
        public Builder markets(final MarketSpec vest, final MarketSpec paradex) {
            this.vestSpec = Objects.requireNonNull(vest, "vest");
            this.paradexSpec = Objects.requireNonNull(paradex, "paradex");
            return this;
        }

        /**
         * @param v the engine configuration (sizes, slippage, unwind bounds)
         * @return this
         */
        public Builder config(final ExecutorConfig v) {
            this.config = Objects.requireNonNull(v, "config");
            return this;
        }

        /**
         * @param v          the strategy instance (one per session)
         * @param sourceName where it came from, for the engine's status (e.g. a file name or {@code built-in})
         * @param params     its parameters as text, name to value (validated by the strategy's specs)
         * @return this
         */
        public Builder strategy(final Strategy v, final String sourceName, final Map<String, String> params) {
            this.strategy = Objects.requireNonNull(v, "strategy");
            this.source = Objects.requireNonNull(sourceName, "sourceName");
            this.parameters = new LinkedHashMap<>(Objects.requireNonNull(params, "params"));
            return this;
        }

        /**
         * @param v receives the engine's events (entries, exits, rounds), on the run's thread
         * @return this
         */
        public Builder listener(final ExecutionListener v) {
            this.listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        /**
         * @param v the bot id the engine reports and journals under
         * @return this
         */
        public Builder botId(final String v) {
            this.botId = Objects.requireNonNull(v, "botId");
            return this;
        }

        /**
         * @param v order latency, ns: an order fills against the book as it stands this long after the decision
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder latencyNanos(final long v) {
            if (v < 0) {
                throw new IllegalArgumentException("latency must be >= 0 ns, got " + v);
            }
            this.latencyNanos = v;
            return this;
        }

        /**
         * @param v the Paradex market's funding period, hours (see {@link PairedCaptureFeed})
         * @return this
         * @throws IllegalArgumentException if not positive
         */
        public Builder paradexFundingPeriodHours(final double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("funding period must be > 0 hours, got " + v);
            }
            this.paradexFundingPeriodHours = v;
            return this;
        }

        /**
         * Builds the session: the venues, the engine (started) and the feed.
         *
         * @return the session
         * @throws IllegalStateException if the markets, the config or the strategy are missing
         * @throws dev.arb.strategy.api.InvalidParameterException if a parameter fails the strategy's check
         */
        public BacktestSession build() {
            if (vestSpec == null || config == null || strategy == null) {
                throw new IllegalStateException("markets, config and strategy are required");
            }
            return new BacktestSession(this);
        }
    }
}
