package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BotConfigTest {
    /** A minimal valid config (one bot); {@code SafetyWiringTest} builds on it. */
    static final String VALID = """
        markets:
          BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
        bots:
          - id: a
            pair: BTC
            dex_a: vest
            dex_b: paradex
            spread_entry: 0.15
            spread_exit: -0.05
            leverage: 5
            position_size: 0.01
        """;

    @Test
    void shouldLoadTheShippedSampleConfig() {
        final SafetyConfig.Loaded loaded = SafetyConfig.load(Path.of("..", "config.yaml")); // as `run --config` reads it
        final BotConfig config = loaded.bots();
        assertThat(loaded.safety().quoteAgeMs(config.bots().get(0))).isEqualTo(2000);
        assertThat(config.bots()).isNotEmpty();
        final BotConfig.Bot bot = config.bots().get(0);
        assertThat(config.symbol(bot.pair(), "vest")).isEqualTo("BTC-PERP");
        assertThat(config.symbol(bot.pair(), "paradex")).isEqualTo("BTC-USD-PERP");
    }

    @Test
    void shouldLoadTheBuiltInSimConfig() throws Exception {
        assertThat(RunCommand.builtInSimConfig().bots()).hasSize(1);
    }

    @Test
    void shouldParseExactDecimals() {
        final BotConfig.Bot bot = BotConfig.parse(VALID, "t").bots().get(0);
        assertThat(bot.positionSize()).isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(bot.spreadEntry()).isEqualByComparingTo(new BigDecimal("0.15"));
        assertThat(bot.slippageBpsOrDefault()).isEqualTo(10.0);
    }

    @Test
    void shouldRejectUnknownKeysByName() {
        assertThatThrownBy(() -> BotConfig.parse(VALID.replace("leverage: 5", "leverage: 5\n    levrage: 3"), "t"))
            .isInstanceOf(BotConfig.ConfigException.class).hasMessageContaining("levrage");
    }

    @Test
    void shouldRejectInvalidValuesNamingTheKey() {
        assertThatThrownBy(() -> BotConfig.parse(VALID.replace("dex_b: paradex", "dex_b: vest"), "t"))
            .hasMessageContaining("must differ");
        assertThatThrownBy(() -> BotConfig.parse(VALID.replace("position_size: 0.01", "position_size: 0"), "t"))
            .hasMessageContaining("position_size");
        assertThatThrownBy(() -> BotConfig.parse(VALID.replace("spread_exit: -0.05", "spread_exit: 0.2"), "t"))
            .hasMessageContaining("spread_exit");
        assertThatThrownBy(() -> BotConfig.parse(VALID.replace("pair: BTC", "pair: ETH"), "t"))
            .hasMessageContaining("pair");
        assertThatThrownBy(() -> BotConfig.parse("bots: [", "t")).isInstanceOf(BotConfig.ConfigException.class);
    }

    @Test
    void shouldParseDurations() {
        assertThat(DurationConverter.parse("60s").toMillis()).isEqualTo(60_000);
        assertThat(DurationConverter.parse("500ms").toMillis()).isEqualTo(500);
        assertThat(DurationConverter.parse("2m").toSeconds()).isEqualTo(120);
        assertThat(DurationConverter.parse("PT1H").toMinutes()).isEqualTo(60);
        assertThatThrownBy(() -> DurationConverter.parse("soon")).hasMessageContaining("soon");
    }
}
