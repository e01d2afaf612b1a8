package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.executor.ExecutorConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config errors as a new user meets them ({@code arb backtest --config FILE}, which loads the file like
 * {@code arb run}): one line, the YAML key as typed, the line and column of a syntax error; doubtful spreads warned.
 */
class ConfigInputTest {
    private static Path resource(final String name) throws Exception {
        return Path.of(ConfigInputTest.class.getResource("/dev/arb/examples/backtest/" + name).toURI());
    }

    private static Cli.Result backtest(final Path dir, final String yaml) throws Exception {
        final Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
        return Cli.run("backtest", "--paradex", resource("paradex.jsonl").toString(), "--vest",
            resource("vest.jsonl").toString(), "--config", config.toString());
    }

    private static String oneErrorLine(final Cli.Result r) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("dev.arb");
        return r.errLines().get(0);
    }

    @Test
    void shouldGiveTheLineAndColumnOfInvalidYaml(@TempDir final Path dir) throws Exception {
        final String yaml = BotConfigTest.VALID.replace("    leverage: 5", "    leverage: 5\n   bad indent: [");
        assertThat(oneErrorLine(backtest(dir, yaml))).isEqualTo("error: " + dir.resolve("config.yaml")
            + ": not valid YAML at line 11, column 4: expected <block end>, but found '<block mapping start>'");
        assertThat(oneErrorLine(backtest(dir, "markets: {BTC: x}\nbots: a: b\n")))
            .endsWith(": not valid YAML at line 2, column 8: mapping values are not allowed here");
    }

    @Test
    void shouldNameTheYamlKeyOfAValueOfTheWrongKind(@TempDir final Path dir) throws Exception {
        assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID.replace("position_size: 0.01", "position_size: "
            + "lots")))).endsWith(": bots[0].position_size must be a number, got 'lots'");
        assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID + "risk:\n  max_position_base: [1, 2]\n")))
            .endsWith(": risk.max_position_base must be a number");
        assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID + "risk:\n  cooldown_ms: soon\n")))
            .endsWith(": risk.cooldown_ms must be a whole number, got 'soon'");
        // Jackson would have truncated 5.5 to 5 silently
        assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID.replace("leverage: 5", "leverage: 5.5"))))
            .endsWith(": bots[0].leverage must be a whole number, got '5.5'");
        assertThat(oneErrorLine(backtest(dir, "- a\n- b\n")))
            .endsWith(": the file must be a mapping of sections (venues:, markets:, bots:, …)");
    }

    @Test
    void shouldNameAnUnknownKeyWithItsPathAndTheKnownOnes(@TempDir final Path dir) throws Exception {
        final String line = oneErrorLine(backtest(dir, BotConfigTest.VALID + "risk:\n  max_positon_base: 1\n"));
        assertThat(line).contains("unknown key 'risk.max_positon_base'").contains("max_position_base")
            .doesNotContain("maxPositionBase");
        assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID + "rsik:\n  max_position_base: 1\n")))
            .endsWith(": unknown key 'rsik' (known here: alerts, bots, execution, http, journal, liquidation, markets, "
                + "reconciliation, "
                + "risk, strategy, venues)");
    }

    @Test
    void shouldNameTheYamlKeyOfAValueOutOfRange(@TempDir final Path dir) throws Exception {
        final Map<String, String> cases = Map.of(
            "risk:\n  max_position_base: -1\n", "risk.max_position_base must be ≥ 0: -1",
            "risk:\n  max_daily_loss_usd: -5\n", "risk.max_daily_loss_usd must be ≥ 0: -5",
            "risk:\n  daily_reset_hour_utc: 24\n", "risk.daily_reset_hour_utc must be 0..23: 24",
            "risk:\n  cooldown_ms: 0\n", "risk.cooldown_ms must be positive",
            "risk:\n  max_consecutive_errors: 0\n", "risk.max_consecutive_errors must be ≥ 1: 0",
            "execution:\n  max_quote_age_ms: 0\n", "execution.max_quote_age_ms must be ≥ 1: 0",
            "execution:\n  unwind_loss_bound_usd: 0\n", "execution.unwind_loss_bound_usd must be positive: 0",
            "execution:\n  delta_tolerance_base: -0.1\n", "execution.delta_tolerance_base must be ≥ 0: -0.1",
            "execution:\n  order_retries: -1\n", "execution.order_retries must be ≥ 0: -1");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(oneErrorLine(backtest(dir, BotConfigTest.VALID + c.getKey()))).as(c.getKey())
                .endsWith(": " + c.getValue());
        }
    }

    @Test
    void shouldNotEchoAWebhookUrlThatDoesNotParse() {
        assertThatThrownBy(() -> SafetyConfig.parse(BotConfigTest.VALID
            + "alerts:\n  webhook_url: \"https://hooks.example/T0/secret token\"\n", "t"))
            .hasMessage("t: alerts.webhook_url is not a valid URL");
    }

    @Test
    void shouldReadTheDeprecatedPerBotMaxBookAgeMsAsThatBotsQuoteAgeGateWithAWarning() {
        final String withExecution = BotConfigTest.VALID + "execution:\n  max_quote_age_ms: 1500\n";
        final SafetyConfig.Loaded plain = SafetyConfig.parse(withExecution, "t");
        assertThat(plain.bots().warnings()).isEmpty();
        assertThat(plain.safety().quoteAgeMs(plain.bots().bots().get(0))).isEqualTo(1500);
        assertThat(plain.safety().apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE),
            plain.bots().bots().get(0)).build().maxQuoteAgeMs()).isEqualTo(1500);

        final SafetyConfig.Loaded legacy = SafetyConfig.parse(
            withExecution.replace("position_size: 0.01", "position_size: 0.01\n    max_book_age_ms: 800"), "t");
        assertThat(legacy.bots().warnings()).containsExactly("bots[0].max_book_age_ms is deprecated: the one "
            + "quote-age gate is execution.max_quote_age_ms; this bot still uses 800 ms");
        assertThat(legacy.safety().apply(ExecutorConfig.builder().positionSizeBase(BigDecimal.ONE),
            legacy.bots().bots().get(0)).build().maxQuoteAgeMs()).isEqualTo(800);
    }

    @Test
    void shouldAcceptASpreadAbove5PercentOnlyWithAWarning(@TempDir final Path dir) throws Exception {
        final String yaml = BotConfigTest.VALID.replace("spread_entry: 0.15", "spread_entry: 150");
        assertThat(BotConfig.parse(yaml, "t").warnings()).containsExactly(
            "bots[0].spread_entry is 150 %, above ±5 %: it is a percent (0.15 means 0.15 %, not bps); accepted");
        assertThat(BotConfig.parse(BotConfigTest.VALID, "t").warnings()).isEmpty();
        assertThat(BotConfig.parse(BotConfigTest.VALID.replace("spread_exit: -0.05", "spread_exit: -5.01"), "t")
            .warnings()).singleElement().asString().startsWith("bots[0].spread_exit is -5.01 %");
        final Cli.Result r = backtest(dir, yaml);
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("WARN").contains("bots[0].spread_entry is 150 %, above ±5 %");
    }
}
