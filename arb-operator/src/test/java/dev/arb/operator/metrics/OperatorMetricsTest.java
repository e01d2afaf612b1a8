package dev.arb.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.executor.RoundResult;
import dev.arb.operator.metrics.PrometheusText.Sample;
import dev.arb.strategy.api.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
    /** Leg labels: the venue and market once the engine publishes them, else the leg tag and {@code unknown}. */
    private static final String VENUE_A = "vest";
    private static final String VENUE_B = "paradex";
    private static final String MARKET_A = "X-PERP";

    private final MetricsFixture f = new MetricsFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shouldServeStrictlyValidPrometheusText() throws Exception {
        f.wideSpread();
        f.drain();

        final List<Sample> samples = PrometheusText.parse(f.metrics.scrape());

        assertThat(samples).isNotEmpty();
        assertThat(OperatorMetrics.CONTENT_TYPE).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(samples).extracting(Sample::name).contains("jvm_memory_used_bytes", "process_cpu_usage",
            "jvm_threads_live_threads");
        assertThat(samples).allSatisfy(s -> assertThat(s.labels().keySet())
            .as("labels of %s", s.name()).doesNotContain("client_order_id", "order_id"));
    }

    @Test
    void shouldExposeEveryArbMetricWithItsLabels() throws Exception {
        f.wideSpread();
        f.drain();

        final List<Sample> samples = PrometheusText.parse(f.metrics.scrape());

        final Map<String, String> bot = Map.of("bot", "bot-1");
        for (String counter : List.of("arb_opportunities_total", "arb_entries_total", "arb_exits_total",
            "arb_one_sided_fills_total", "arb_unwinds_total", "arb_orders_sent_total", "arb_orders_rejected_total",
            "arb_orders_lost_ack_total", "arb_rounds_total", "arb_net_delta_base", "arb_fees_usd", "arb_halted",
            "arb_market_capture_age_seconds", "arb_tick_to_decision_seconds_count", "arb_market_limit_blocked_total")) {
            assertThat(value(samples, counter, bot)).as(counter).isNotNull();
        }
        for (String reason : List.of("in_flight", "stale_quote", "risk_blocked")) {
            assertThat(value(samples, "arb_opportunities_skipped_total", Map.of("bot", "bot-1", "reason", reason)))
                .isZero();
        }
        for (String part : List.of("spread", "slippage", "fees", "funding", "total")) {
            assertThat(value(samples, "arb_pnl_usd", Map.of("bot", "bot-1", "part", part))).as(part).isZero();
        }
        assertThat(value(samples, "arb_position_base", Map.of("bot", "bot-1", "venue", VENUE_A, "market", MARKET_A)))
            .isZero();
        assertThat(value(samples, "arb_book_age_seconds", Map.of("bot", "bot-1", "venue", VENUE_B)))
            .isBetween(0.0, 5.0);
        assertThat(value(samples, "arb_funding_rate_per_hour", Map.of("venue", VENUE_A, "market", MARKET_A)))
            .isEqualTo(0.0001);
        assertThat(value(samples, "arb_net_spread_ratio", Map.of("bot", "bot-1", "direction", "BUY_A_SELL_B")))
            .isBetween(0.001, 0.01);
        assertThat(value(samples, "arb_venue_connected", Map.of("venue", "paradex"))).isEqualTo(1.0);
        assertThat(value(samples, "arb_breaker_state", Map.of())).isZero();
        assertThat(value(samples, "arb_breaker_trips_total", Map.of())).isZero();
        assertThat(value(samples, "arb_tick_to_decision_seconds_count", bot)).isGreaterThanOrEqualTo(1.0);
        assertThat(value(samples, "arb_tick_to_decision_seconds_bucket", Map.of("bot", "bot-1", "le", "1.0E-6")))
            .isNotNull();
    }

    @Test
    void shouldMoveCountersAndPositionsAfterTheExecutorTrades() throws Exception {
        f.wideSpread();
        f.drain();
        final List<Sample> before = PrometheusText.parse(f.metrics.scrape());
        assertThat(value(before, "arb_entries_total", Map.of("bot", "bot-1"))).isZero();

        final RoundResult entry = f.executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS);
        f.awaitState("OPEN");
        final List<Sample> open = PrometheusText.parse(f.metrics.scrape());

        assertThat(entry).isNotNull();
        assertThat(value(open, "arb_entries_total", Map.of("bot", "bot-1"))).isEqualTo(1.0);
        assertThat(value(open, "arb_orders_sent_total", Map.of("bot", "bot-1"))).isEqualTo(2.0);
        assertThat(value(open, "arb_position_base", Map.of("bot", "bot-1", "venue", VENUE_A))).isEqualTo(1.2);
        assertThat(value(open, "arb_position_base", Map.of("bot", "bot-1", "venue", VENUE_B))).isEqualTo(-1.2);
        assertThat(value(open, "arb_net_delta_base", Map.of("bot", "bot-1"))).isZero();
        assertThat(value(open, "arb_decision_to_ack_seconds_count", Map.of("bot", "bot-1", "venue", "vest")))
            .isEqualTo(1.0);
        assertThat(value(open, "arb_decision_to_ack_seconds_count", Map.of("bot", "bot-1", "venue", "paradex")))
            .isEqualTo(1.0);
        assertThat(value(open, "arb_decision_to_send_seconds_count", Map.of("bot", "bot-1", "venue", "vest")))
            .as("one order handed to each venue").isEqualTo(1.0);
        assertThat(value(open, "arb_journal_commit_seconds_count", Map.of("bot", "bot-1"))).isEqualTo(2.0);

        f.converged();
        f.drain();
        f.executor.tryExit().get(10, TimeUnit.SECONDS);
        f.awaitState("FLAT");
        await().atMost(Duration.ofSeconds(10)).until(() -> value(PrometheusText.parse(f.metrics.scrape()),
            "arb_rounds_total", Map.of("bot", "bot-1")) == 1.0);
        final List<Sample> flat = PrometheusText.parse(f.metrics.scrape());
        assertThat(value(flat, "arb_exits_total", Map.of("bot", "bot-1"))).isEqualTo(1.0);
        assertThat(value(flat, "arb_orders_sent_total", Map.of("bot", "bot-1"))).isEqualTo(4.0);
        assertThat(value(flat, "arb_position_base", Map.of("bot", "bot-1", "venue", VENUE_A))).isZero();
        assertThat(value(flat, "arb_pnl_usd", Map.of("bot", "bot-1", "part", "spread"))).isNotZero();
        final double parts = List.of("spread", "slippage", "fees", "funding").stream()
            .mapToDouble(p -> value(flat, "arb_pnl_usd", Map.of("bot", "bot-1", "part", p))).sum();
        assertThat(value(flat, "arb_pnl_usd", Map.of("bot", "bot-1", "part", "total")))
            .isCloseTo(parts, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldShowTheBreakerAndHalts() throws Exception {
        f.risk.halt("operator test");
        f.executor.halt("operator test");

        final List<Sample> samples = PrometheusText.parse(f.metrics.scrape());

        assertThat(value(samples, "arb_breaker_state", Map.of())).isEqualTo(2.0);
        assertThat(value(samples, "arb_breaker_trips_total", Map.of())).isGreaterThanOrEqualTo(1.0);
        assertThat(value(samples, "arb_halted", Map.of("bot", "bot-1"))).isEqualTo(1.0);
    }

    @Test
    void shouldAnswerWithinTheBoundWhenTheEngineIsBusy() throws Exception {
        f.wideSpread();
        f.drain();
        PrometheusText.parse(f.metrics.scrape());
        final CountDownLatch busy = new CountDownLatch(1);
        f.eventLoop.execute(() -> {
            try {
                busy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        final long start = System.nanoTime();
        final List<Sample> first = PrometheusText.parse(f.metrics.scrape());
        final List<Sample> second = PrometheusText.parse(f.metrics.scrape());
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        busy.countDown();

        assertThat(elapsedMs).isLessThan(2 * OperatorMetrics.CAPTURE_WAIT_MS + 1_000);
        assertThat(value(first, "arb_book_age_seconds", Map.of("bot", "bot-1", "venue", VENUE_A))).isNotNull();
        assertThat(value(second, "arb_market_capture_age_seconds", Map.of("bot", "bot-1")))
            .isGreaterThanOrEqualTo(OperatorMetrics.CAPTURE_WAIT_MS / 1000.0);
    }

    /** @return the value of the one sample named {@code name} whose labels include {@code labels}, or null */
    static Double value(final List<Sample> samples, final String name, final Map<String, String> labels) {
        final List<Sample> match = samples.stream()
            .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(match).as("samples %s%s", name, labels).hasSizeLessThanOrEqualTo(1);
        return match.isEmpty() ? null : match.get(0).value();
    }
}
