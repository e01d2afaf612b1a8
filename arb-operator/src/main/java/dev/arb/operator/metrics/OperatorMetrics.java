package dev.arb.operator.metrics;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.VenueHealth;
import dev.arb.executor.BreakerStatus;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.RiskGuard;
import dev.arb.operator.OperatorSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bot's Prometheus metrics ({@code GET /metrics}) through Micrometer's {@link PrometheusMeterRegistry}.
 *
 * <p><b>Read at scrape time</b> (nothing recorded on the engine's thread): per bot, the counters of
 * {@link dev.arb.executor.ExecutorStats} as {@code arb_opportunities_total}, {@code arb_entries_total},
 * {@code arb_exits_total}, {@code arb_one_sided_fills_total}, {@code arb_unwinds_total},
 * {@code arb_orders_sent_total}, {@code arb_orders_rejected_total}, {@code arb_orders_lost_ack_total},
 * {@code arb_orders_illegal_transitions_total}, {@code arb_alerts_total},
 * {@code arb_opportunities_skipped_total{reason=in_flight|stale_quote|risk_blocked|halted}}, {@code arb_rounds_total},
 * {@code arb_strategy_errors_total}, {@code arb_strategy_swaps_total} (label {@code bot}); the gauges
 * {@code arb_position_base{bot,venue,market}}, {@code arb_net_delta_base}, {@code arb_fees_usd},
 * {@code arb_realized_pnl_usd}, {@code arb_pnl_usd{part=spread|slippage|fees|funding|total}} (the realized
 * attribution of {@link DeltaNeutralExecutor#pnl()}), {@code arb_halted} (0/1),
 * {@code arb_net_spread_ratio{direction}}, {@code arb_book_age_seconds{bot,venue}},
 * {@code arb_market_capture_age_seconds{bot}}; for the run, {@code arb_breaker_state} (0 closed,
 * 1 half-open, 2 open, forced open or halted), {@code arb_breaker_trips_total}, {@code arb_daily_pnl_usd}
 * (the breaker's realized + unrealized PnL of the trading day, all bots), {@code arb_venue_connected{venue}},
 * {@code arb_ws_reconnects_total}, {@code arb_decode_errors_total},
 * {@code arb_sequence_gaps_total} and {@code arb_rate_limited_total} (each by {@code venue})
 * (0/1), {@code arb_funding_rate_per_hour{venue,market}}; and the JVM binders' {@code jvm_*},
 * {@code process_*}, {@code system_*}.
 *
 * <p><b>Recorded by {@link #listener(String)}</b> on the engine's thread: the histograms
 * {@code arb_tick_to_decision_seconds{bot}} and {@code arb_decision_to_ack_seconds{bot,venue}}, buckets
 * 1-2-5 from 1 µs to 10 s (use {@code histogram_quantile}), allocation-free on the market-data path.
 *
 * <p><b>Market data</b> (book ages, funding, spreads, and the legs' venue and market names) is copied by
 * {@link DeltaNeutralExecutor#captureMarket} on {@link OperatorSource#engineThread()} at each scrape; the
 * scrape waits for it at most 250 ms and otherwise shows the last copy
 * ({@code arb_market_capture_age_seconds} says how old). Per-leg gauges appear once the first copy is taken.
 * The legs are labelled by the venue and market names the engine publishes in its snapshot.
 *
 * <p><b>Latency to the wire:</b> {@code arb_decision_to_send_seconds} ends when the order is handed to the
 * venue adapter (after the intent's journal commit, {@code arb_journal_commit_seconds}); the adapter's
 * signing and socket write after that are measured by arb-bench's end-to-end harness, not here. {@code arb_unrealized_pnl_usd{bot}} is as of the
 * engine's last publication (after each round and state change). Bots, venues and the
 * risk guard are bound at construction and again at each scrape if they appeared later, so
 * {@link #listener(String)} may be called before the executors exist.
 *
 * <p><b>Note:</b> thread-safe: {@link #scrape()} is serialized; the listeners are confined to the
 * engine's thread.
 */
public final class OperatorMetrics implements AutoCloseable {
    /** The content type of {@link #scrape()}'s text: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Longest a scrape waits for the engine's thread to copy the market data, ms. */
    static final long CAPTURE_WAIT_MS = 250;

    private final OperatorSource source;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MarketCapture capture;
    private final Map<String, BotView> bots = new LinkedHashMap<>();
    private final Set<String> venues = new HashSet<>();
    private final Set<String> funding = new HashSet<>();
    private RiskGuard risk;

    /**
     * Creates the registry, binds the JVM metrics and the meters of the bots, venues and risk guard the
     * source has now (more are bound at each scrape).
     *
     * <p><b>Note:</b> call from any thread but the engine's; the source's accessors must be thread-safe.
     *
     * @param source the running bot
     * @throws NullPointerException if {@code source} is null
     */
    public OperatorMetrics(final OperatorSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.capture = new MarketCapture(source.engineThread(), CAPTURE_WAIT_MS);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        synchronized (this) {
            bindNew();
        }
    }

    /**
     * A listener recording {@code botId}'s latency histograms; add it to the bot's executor next to its
     * own listener. Call once per bot.
     *
     * <p><b>Note:</b> thread-safe to create; the listener itself is called on the engine's thread only.
     *
     * @param botId the bot's id (the {@code bot} label), as in {@link OperatorSource#bots()}
     * @return the listener
     */
    public ExecutionListener listener(final String botId) {
        return new MetricsListener(registry, Objects.requireNonNull(botId, "botId"));
    }

    /**
     * Copies the market data on the engine's thread (bounded wait), reads the executors' stats, and
     * renders every meter.
     *
     * <p><b>Note:</b> thread-safe; concurrent scrapes are serialized.
     *
     * @return the metrics in Prometheus text format 0.0.4 ({@link #CONTENT_TYPE})
     */
    public synchronized String scrape() {
        bindNew();
        capture.capture();
        for (BotView v : bots.values()) {
            v.refresh();
            v.copyMarket();
            if (!v.legsBound && v.legsKnown()) {
                BotMeters.bindLegs(registry, v, funding);
            }
        }
        return registry.scrape();
    }

    /** @return the registry (tests, and binding further meters) */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Closes the registry and the GC notification listener.
     *
     * <p><b>Note:</b> thread-safe; scrapes after closing return what the closed registry renders.
     */
    @Override
    public synchronized void close() {
        gc.close();
        registry.close();
    }

    private void bindNew() {
        final Map<String, DeltaNeutralExecutor> executors = source.bots();
        boolean added = false;
        if (executors != null) {
            for (Map.Entry<String, DeltaNeutralExecutor> e : executors.entrySet()) {
                if (!bots.containsKey(e.getKey())) {
                    final BotView v = new BotView(e.getKey(), e.getValue());
                    BotMeters.bind(registry, v);
                    bots.put(v.id, v);
                    added = true;
                }
            }
        }
        if (added) {
            capture.bots(bots.values().toArray(new BotView[0]));
        }
        final Map<String, ExchangeAdapter> adapters = source.venues();
        if (adapters != null) {
            for (Map.Entry<String, ExchangeAdapter> e : adapters.entrySet()) {
                if (venues.add(e.getKey())) {
                    final ExchangeAdapter a = e.getValue();
                    Gauge.builder("arb.venue.connected", a, x -> x.isConnected() ? 1 : 0)
                        .description("1 while the venue's connection is up, else 0").tags("venue", e.getKey())
                        .strongReference(true).register(registry);
                    venueCounter("arb.ws.reconnects", a, e.getKey(), VenueHealth::reconnects,
                        "WebSocket reconnects of the venue's connection");
                    venueCounter("arb.decode.errors", a, e.getKey(), VenueHealth::decodeErrors,
                        "market-data messages that could not be decoded");
                    venueCounter("arb.sequence.gaps", a, e.getKey(), VenueHealth::sequenceGaps,
                        "book sequence gaps (the book resynchronised)");
                    venueCounter("arb.rate.limited", a, e.getKey(), VenueHealth::rateLimited,
                        "requests refused or retried because of a rate limit");
                }
            }
        }
        if (risk == null && source.risk() != null) {
            bindRisk(source.risk());
        }
    }

    /** A counter read from the adapter's {@link VenueHealth} at scrape time (a value of -1, not counted, reads 0). */
    private void venueCounter(final String name, final ExchangeAdapter a, final String venue,
        final java.util.function.ToLongFunction<VenueHealth> field, final String description) {
        FunctionCounter.builder(name, a, x -> Math.max(0, field.applyAsLong(x.health()))).description(description)
            .tags("venue", venue).register(registry);
    }

    private void bindRisk(final RiskGuard guard) {
        risk = guard;
        Gauge.builder("arb.breaker.state", guard, g -> breakerState(g.status()))
            .description("trading circuit breaker: 0 closed, 1 half-open, 2 open (cooling down, forced open or halted)")
            .strongReference(true).register(registry);
        FunctionCounter.builder("arb.breaker.trips", guard, g -> g.status().trips())
            .description("times the breaker opened or halted").register(registry);
        Gauge.builder("arb.daily.pnl", guard, g -> g.status().dailyPnlUsd().doubleValue()).baseUnit("usd")
            .description("realized + unrealized PnL of the trading day, all bots, USD").strongReference(true)
            .register(registry);
    }

    /**
     * @param s the breaker's status
     * @return 0 closed, 1 half-open, 2 anything else (open, forced open, halted, disabled)
     */
    static double breakerState(final BreakerStatus s) {
        return switch (s.state()) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            default -> 2;
        };
    }
}
