package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.sim.MarketModel;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RegisterCommandTest {
    private static final String PRIMARY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final String SIGNING = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private VestSimulator sim;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(3)), VestSimulator.Options.defaults());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int register(final Map<String, String> env, final String... args) {
        final RegisterCommand cmd = new RegisterCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, String> exports(final String text) {
        final Map<String, String> m = new HashMap<>();
        for (final String line : text.split("\n")) {
            if (line.startsWith("export ")) {
                final String kv = line.substring("export ".length());
                m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return m;
    }

    @Test
    void shouldRegisterAndPrintTheVariablesThatLetTheBotTrade() throws Exception {
        final int code = register(Map.of("VEST_PRIMARY_KEY", PRIMARY, "VEST_SIGNING_KEY", SIGNING),
            "--rest-url", sim.restBaseUrl());
        assertThat(code).isZero();
        final String printed = out.toString(StandardCharsets.UTF_8);
        final Map<String, String> vars = exports(printed);
        assertThat(vars.get("VEST_PRIMARY_ADDR")).isEqualTo(VestSigner.fromPrivateKey(Secret.of(PRIMARY)).address());
        assertThat(vars.get("VEST_ACCOUNT_GROUP")).isEqualTo("0");
        assertThat(vars).doesNotContainKey("VEST_SIGNING_KEY");
        assertThat(printed).doesNotContain(PRIMARY.substring(2)).doesNotContain(SIGNING.substring(2))
            .contains("delegated until");
        try (VestAdapter vest = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(vars.get("VEST_API_KEY"))).signingKey(Secret.of(SIGNING)).accountStream(false).build())) {
            vest.loadMarkets().get(5, TimeUnit.SECONDS);
            final OrderRequest buy = OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.MARKET)
                .size(100).limitPrice(100_000_000_00L).clientOrderId("reg-1").build();
            assertThat(vest.placeOrder(buy).get(5, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        }
        assertThat(sim.positionBase(vars.get("VEST_API_KEY"), "BTC-PERP")).isEqualByComparingTo("0.0100");

        out.reset();
        assertThat(register(Map.of("VEST_PRIMARY_KEY", PRIMARY, "VEST_SIGNING_KEY", SIGNING), "--rest-url",
            sim.restBaseUrl(), "--expiry-days", "30")).isZero();
        assertThat(exports(out.toString(StandardCharsets.UTF_8))).containsKey("VEST_API_KEY");
    }

    @Test
    void shouldGenerateASigningKeyOnRequestAndPrintItOnce() {
        assertThat(register(Map.of("VEST_PRIMARY_KEY", PRIMARY), "--rest-url", sim.restBaseUrl(),
            "--generate-signing-key")).isZero();
        final Map<String, String> vars = exports(out.toString(StandardCharsets.UTF_8));
        assertThat(vars.get("VEST_SIGNING_KEY")).matches("0x[0-9a-f]{64}");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
            VestSigner.fromPrivateKey(Secret.of(vars.get("VEST_SIGNING_KEY"))).address());
    }

    @Test
    void shouldRefuseMissingOrMalformedKeysWithoutEchoingThem() {
        assertThat(register(Map.of("VEST_SIGNING_KEY", SIGNING), "--rest-url", sim.restBaseUrl())).isEqualTo(2);
        final String bad = "0x" + "zz".repeat(32);
        assertThat(register(Map.of("VEST_PRIMARY_KEY", bad, "VEST_SIGNING_KEY", SIGNING), "--rest-url",
            sim.restBaseUrl())).isEqualTo(2);
        final String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("VEST_PRIMARY_KEY").doesNotContain(bad).doesNotContain(SIGNING.substring(2));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldReportAVenueRefusalWithItsCode() {
        sim.errorShape(VestSimulator.ErrorShape.DETAIL);
        sim.respondWithStatus(429, 1);
        assertThat(register(Map.of("VEST_PRIMARY_KEY", PRIMARY, "VEST_SIGNING_KEY", SIGNING), "--rest-url",
            sim.restBaseUrl())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1003").doesNotContain(PRIMARY.substring(2));
    }
}
