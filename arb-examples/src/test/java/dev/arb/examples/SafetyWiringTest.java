package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.executor.DriftAction;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.journal.Journal;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bot's safety wiring: YAML sections, journal, summary fields, control file. */
class SafetyWiringTest {
    private static final String BOTS = BotConfigTest.VALID;

    @Test
    void shouldReadTheSafetySectionsNextToTheBots() {
        final SafetyConfig.Loaded loaded = SafetyConfig.parse(BOTS + """
            execution: {max_quote_age_ms: 1500, max_skew_ms: 300, unwind_loss_bound_usd: 12.5, drift_action: rehedge}
            risk: {max_position_base: 0.05, max_daily_loss_usd: 100, daily_reset_hour_utc: 22, cooldown_ms: 30000}
            journal: {synchronous: full}
            reconciliation: {policy: adopt}
            """, "test");
        assertThat(loaded.bots().bots()).hasSize(1);
        final SafetyConfig s = loaded.safety();
        final ExecutorConfig c = s.apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE)).build();
        assertThat(c.maxQuoteAgeMs()).isEqualTo(1500);
        assertThat(c.maxSkewMs()).isEqualTo(300);
        assertThat(c.unwindLossBoundUsd()).isEqualByComparingTo("12.5");
        assertThat(c.driftAction()).isEqualTo(DriftAction.REHEDGE);
        assertThat(s.riskLimits().maxPositionBase()).isEqualByComparingTo("0.05");
        assertThat(s.riskLimits().dailyResetHourUtc()).isEqualTo(22);
        assertThat(s.riskLimits().cooldown().toMillis()).isEqualTo(30_000);
        assertThat(s.synchronous()).isEqualTo(Journal.Synchronous.FULL);
        assertThat(s.policy()).isEqualTo(ReconcilePolicy.ADOPT);
    }

    @Test
    void shouldDefaultEverySafetyKey() {
        final SafetyConfig s = SafetyConfig.parse(BOTS, "test").safety();
        final ExecutorConfig c = s.apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE)).build();
        assertThat(c.maxQuoteAgeMs()).isEqualTo(2000);
        assertThat(c.unwindLossBoundUsd()).isEqualByComparingTo("25");
        assertThat(s.policy()).isEqualTo(ReconcilePolicy.REFUSE);
        assertThat(s.synchronous()).isEqualTo(Journal.Synchronous.NORMAL);
        assertThat(s.webhook()).isNull();
    }

    @Test
    void shouldNameAnUnknownOrInvalidSafetyKey() {
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "risk: {max_dayly_loss_usd: 5}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("max_dayly_loss_usd");
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "reconciliation: {policy: maybe}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("reconciliation.policy");
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "risk: {daily_reset_hour_utc: 25}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("risk.daily_reset_hour_utc");
    }

    @Test
    void shouldReadTheLiquidationSectionWithDefaultsAndValidation() {
        final dev.arb.executor.LiquidationSettings d = SafetyConfig.parse(BOTS, "test").safety().liquidationSettings();
        assertThat(d).isEqualTo(dev.arb.executor.LiquidationSettings.DEFAULTS);
        final dev.arb.executor.LiquidationSettings l = SafetyConfig.parse(BOTS + """
            liquidation: {alert_distance_pct: 25, reduce_distance_pct: 12.5, reduce_fraction: 0.25, hysteresis_pct: 1,
              poll_interval_ms: 500}
            """, "test").safety().liquidationSettings();
        assertThat(l.alertDistancePct()).isEqualTo(25.0);
        assertThat(l.reduceDistancePct()).isEqualTo(12.5);
        assertThat(l.reduceFraction()).isEqualByComparingTo("0.25");
        assertThat(l.hysteresisPct()).isEqualTo(1.0);
        assertThat(l.pollIntervalMs()).isEqualTo(500);
        assertThat(SafetyConfig.parse(BOTS + "liquidation: {enabled: false}\n", "test").safety().liquidationSettings())
            .isNull();
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "liquidation: {alert_distance_pct: 5}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("f.yaml")
            .hasMessageContaining("liquidation.reduce_distance_pct");
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "liquidation: {reduce_fraction: 2}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("liquidation.reduce_fraction");
        assertThatThrownBy(() -> SafetyConfig.parse(BOTS + "liquidation: {alert_pct: 5}\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("alert_pct");
    }

    @Test
    void shouldLoadTheShippedSampleConfigWithItsSafetySections() {
        final SafetyConfig.Loaded loaded = SafetyConfig.load(Path.of("..", "config.yaml"));
        assertThat(loaded.bots().bots()).isNotEmpty();
    }

    @Test
    void shouldFlattenAndStopOnTheControlFileAndReportTheSafetyState(@TempDir final Path dir) throws Exception {
        final Path summary = dir.resolve("summary.json");
        final Path control = dir.resolve("control");
        final Path journal = dir.resolve("journal.db");
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--http", "off", "--duration", "120s", "--seed", "7", "--journal", journal.toString(), "--control-file",
            control.toString(), "--summary-json", summary.toString()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> Files.exists(control));
        Files.writeString(control, "status\nflatten\n");
        assertThat(run.get(90, TimeUnit.SECONDS)).isZero();
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("durationMs").asLong()).as("stopped by the control file").isLessThan(100_000);
        assertThat(json.get("breaker").get("state").asText()).isEqualTo("CLOSED");
        assertThat(json.get("alerts").isNumber()).isTrue();
        assertThat(json.get("reconciliation").get("btc-vest-paradex").asText()).isEqualTo("CLEAN");
        assertThat(new BigDecimal(json.get("netPositionBase").get("sum").asText())).isEqualByComparingTo("0");
        assertThat(Files.exists(journal)).as("--journal kept").isTrue();
    }
}
