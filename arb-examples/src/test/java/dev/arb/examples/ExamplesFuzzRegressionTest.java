package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import io.netty.channel.DefaultEventLoop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The minimised inputs {@link ExamplesFuzzTest} found, each a defect fixed (RELIABILITY.md, defects table). */
class ExamplesFuzzRegressionTest {
    private static String sign(final String line) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignCommand.run(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** CI's fuzz run: a kind of {@code "\\rder"} (a JSON escape) put a carriage return into the one-line answer. */
    @Test
    void controlCharactersInAnEchoedFieldAreEscaped() throws IOException {
        final String out = sign("{\"venue\":\"vest\",\"kind\":\"\\rder\\u001b[2J\",\"time\":1}");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).get("error").asText())
            .isEqualTo("line 1: unsupported venue/kind: vest/\\rder\\u001b[2J (paradex/order, paradex/auth, "
                + "vest/order, vest/cancel, vest/register)");
    }

    /** A Paradex account at or above the field prime answered "signing failed (IllegalArgumentException)". */
    @Test
    void paradexAccountAboveTheFieldPrimeIsATypedError() throws IOException {
        final String out = sign("{\"venue\":\"paradex\",\"kind\":\"auth\",\"chainId\":\"PRIVATE_SN_POTC_SEPOLIA\","
            + "\"account\":\"0xe29c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa\","
            + "\"privateKey\":\"0x1\",\"timestamp\":1,\"expiration\":2}");
        assertThat(out).contains("line 1: field 'account' must be below the Stark field prime")
            .doesNotContain("signing failed");
    }

    /** A zero or out-of-range private key is named as such, and not echoed. */
    @Test
    void privateKeyOutOfRangeIsATypedError() throws IOException {
        assertThat(sign("{\"venue\":\"vest\",\"kind\":\"cancel\",\"privateKey\":\"0x" + "0".repeat(64)
            + "\",\"time\":1,\"nonce\":1,\"id\":\"0x0\"}"))
            .contains("field 'privateKey' is zero, not a secp256k1 private key");
        assertThat(sign("{\"venue\":\"vest\",\"kind\":\"cancel\",\"privateKey\":"
            + "\"0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141\",\"time\":1,\"nonce\":1,\"id\":\"0x0\"}"))
            .contains("field 'privateKey' is not below the secp256k1 curve order").doesNotContain("baaedce6");
    }

    /** A chain id longer than a Starknet short string failed inside the signer. */
    @Test
    void chainIdLongerThanAShortStringIsATypedError() throws IOException {
        assertThat(sign("{\"venue\":\"paradex\",\"kind\":\"auth\",\"chainId\":\"" + "X".repeat(32) + "\",\"account\":\"0x1\","
            + "\"privateKey\":\"0x1\",\"timestamp\":1,\"expiration\":2}"))
            .contains("field 'chainId' must be at most 31 ASCII characters");
    }

    /** {@code set risk max_position_usd 1e999999999} was accepted and toPlainString() then built a billion digits. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void riskLimitWithAHugeExponentIsRefused() {
        final DefaultEventLoop loop = new DefaultEventLoop();
        try {
            final SafetyConfig.Loaded loaded = SafetyConfig.parse(BotConfigTest.VALID, "config.yaml");
            final LiveControl live = new LiveControl(new TradingSession(loop, Map.of(), loaded.bots(), loaded.safety(),
                Journal.inMemory(), AlertSink.log(), StrategyFactory.of(null, null)));
            assertThat(live.command(new String[] {"risk", "max_position_usd", "1e999999999"})).singleElement()
                .asString().startsWith("error: risk max_position_usd: '1e999999999' is not a plain number");
            assertThat(live.command(new String[] {"risk", "max_position_usd", "-1E+999999999"})).singleElement()
                .asString().startsWith("error: risk max_position_usd:");
            assertThat(live.command(new String[] {"risk", "max_position_usd", "5000"}))
                .isEqualTo(List.of("risk: max_position_usd 0 -> 5000"));
        } finally {
            loop.shutdownGracefully();
        }
    }

    /**
     * {@code spread_entry: 1e999999999} passed validation and the "above 5 %" warning printed it with toPlainString():
     * a billion digits, the test JVM out of heap (found when the fuzzed config met the merged warning).
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugeSpreadIsWarnedAboutInScientificForm() {
        final BotConfig config = BotConfig.parse(BotConfigTest.VALID.replace("spread_entry: 0.15",
            "spread_entry: 1e999999999"), "f.yaml");
        assertThat(config.warnings()).singleElement().asString().startsWith("bots[0].spread_entry is 1E+999999999 %")
            .hasSizeLessThan(200);
    }

    /** A value of the wrong type quoted whole (2,274 characters in the fuzzed case) into the one-line error. */
    @Test
    void configErrorQuotingAHugeValueStaysOneShortLine() {
        assertThatThrownBy(() -> BotConfig.parse("venues: " + "x".repeat(3000) + "\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class)
            .satisfies(e -> assertThat(e.getMessage()).startsWith("f.yaml: ").doesNotContain("\n")
                .hasSizeLessThanOrEqualTo(BotConfig.ConfigException.MAX_MESSAGE + 1));
    }

    /** Invalid YAML said only "not valid YAML (JacksonYAMLParseException)": now where, and what to check. */
    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> BotConfig.parse("a: b: c\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class)
            .hasMessageMatching("f\\.yaml: not valid YAML at line \\d+, column \\d+: .+");
    }

    /** The 1,000,000-tries run: a pair mapped to nothing ({@code BTC:}) was a NullPointerException. */
    @Test
    void pairWithoutSymbolsNamesThePair() {
        assertThatThrownBy(() -> BotConfig.parse("markets:\n  BTC:\nbots:\n  - id: a\n    pair: BTC\n    dex_a: vest\n"
            + "    dex_b: paradex\n    spread_entry: 0.15\n    spread_exit: -0.05\n    position_size: 0.01\n", "f.yaml"))
            .isInstanceOf(BotConfig.ConfigException.class)
            .hasMessage("f.yaml: markets.BTC must map each venue to its symbol, e.g. vest: BTC-PERP, paradex: BTC-USD-PERP");
    }

    /** The 1,000,000-tries run: part of the private key pasted into {@code kind} was echoed in the error. */
    @Test
    void keyPastedIntoAnotherFieldIsNotEchoed() throws IOException {
        final String key = "543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815";
        final String out = sign("{\"venue\":\"paradex\",\"kind\":\"2be4426b8ed6122b13c0x" + key
            + "\",\"privateKey\":\"0x" + key + "\"}");
        assertThat(out).doesNotContain(key.substring(0, 16)).doesNotContain("2be4426b8ed6122b13c")
            .contains("line 1: unsupported venue/kind: paradex/<hex not shown>");
    }

    /** A bot without {@code dex_a} failed with a NullPointerException instead of naming the key. */
    @Test
    void botWithoutDexANamesTheKey() {
        assertThatThrownBy(() -> BotConfig.parse("markets:\n  BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}\nbots:\n"
            + "  - id: a\n    pair: BTC\n", "f.yaml")).isInstanceOf(BotConfig.ConfigException.class)
            .hasMessageContaining(".dex_a must be one of paradex, vest");
    }

    /** A Paradex size beyond a long at 8 decimals (first 39 digits, then 20) answered "signing failed (IllegalArgumentException)". */
    @Test
    void hugeSizeIsATypedError() throws IOException {
        assertThat(sign("{\"venue\":\"paradex\",\"kind\":\"order\",\"chainId\":\"PRIVATE_SN_POTC_SEPOLIA\","
            + "\"account\":\"0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa\","
            + "\"privateKey\":\"0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815\","
            + "\"timestamp\":1700000000000,\"market\":\"BTC-USD-PERP\",\"side\":\"SELL\",\"type\":\"MARKET\","
            + "\"size\":\"92233720368547758070.001\",\"price\":\"0\"}"))
            .contains("field 'size' must be at most 92233720368.54775807");
    }
}
