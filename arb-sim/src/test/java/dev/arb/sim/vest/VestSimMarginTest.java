package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.arb.api.MarginState;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated Vest margin, read by the real adapter from {@code GET /account}, and its liquidation. */
class VestSimMarginTest {
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MarketModel model = new MarketModel(new MarketModel.Config(3, 65_000.0, 100, 0, 0, 0, 0, 0, 0, 0,
        1, 1));
    private VestSimulator sim;
    private VestAdapter adapter;
    private String apiKey;

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldReportTheMarginAndLiquidateBelowTheMaintenanceMargin() throws Exception {
        sim = VestSimulator.start(model, VestSimulator.Options.builder().manualStepping(true).build());
        apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).accountStream(false).maxBookAgeMs(60_000).build());
        adapter.connect().get(10, TimeUnit.SECONDS);
        sim.setBalance(apiKey, new BigDecimal("1000"));
        assertThat(adapter.marginState().get(10, TimeUnit.SECONDS).distanceToLiquidationPct()).isInfinite();

        // short 0.1000 over two ladder levels (0.05 at 64993.50, 0.05 at 64980.50: average 64987), leverage 10:
        // maintenance margin 5 % of 0.1 x 65000 = 325
        final OrderRequest sell = OrderRequest.builder().market("BTC-PERP").side(Side.SELL).type(OrderType.LIMIT)
            .size(1_000).limitPrice(6_000_000).clientOrderId("liq-1").build();
        assertThat(adapter.placeOrder(sell).get(10, TimeUnit.SECONDS).filledSize()).isEqualTo(1_000);
        final MarginState m = adapter.marginState().get(10, TimeUnit.SECONDS);
        assertThat(m.maintenanceMarginUsd()).isEqualByComparingTo("325");
        // 1000 - fee 0.1 x 64987 x 0.0001 - unrealized 0.1 x (65000 - 64987)
        assertThat(m.accountValueUsd()).isEqualByComparingTo("998.05013");
        assertThat(m.positions()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualByComparingTo("-0.1");
            assertThat(p.markPriceUsd()).isEqualByComparingTo("65000");
            // (998.05013 + 0.1 x 65000) / (0.1 x 1.05)
            assertThat(p.liquidationPriceUsd()).isEqualByComparingTo("71410.00");
        });
        assertThat(m.distanceToLiquidationPct()).isCloseTo(9.8615, within(0.001));

        // +12 %: past the liquidation price; the next step liquidates
        model.pushPrice(sim.currentStep() + 1, 1, 0.12);
        sim.advance();
        assertThat(sim.liquidations(apiKey)).isEqualTo(1);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();
        final MarginState after = adapter.marginState().get(10, TimeUnit.SECONDS);
        assertThat(after.hasPosition()).isFalse();
        // the loss realized: 0.1 x (72800 - 64987) = 781.3, and the fee
        assertThat(after.accountValueUsd().doubleValue()).isCloseTo(1000 - 781.3 - 0.65, within(0.01));
    }

    @Test
    void shouldKeepAPositionWhoseMarginHolds() throws Exception {
        sim = VestSimulator.start(model, VestSimulator.Options.builder().manualStepping(true).build());
        apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).accountStream(false).maxBookAgeMs(60_000).build());
        adapter.connect().get(10, TimeUnit.SECONDS);
        sim.setBalance(apiKey, new BigDecimal("1000"));
        final OrderRequest sell = OrderRequest.builder().market("BTC-PERP").side(Side.SELL).type(OrderType.LIMIT)
            .size(1_000).limitPrice(6_000_000).clientOrderId("ok-1").build();
        adapter.placeOrder(sell).get(10, TimeUnit.SECONDS);
        model.pushPrice(sim.currentStep() + 1, 5, 0.05);
        for (int i = 0; i < 6; i++) {
            sim.advance();
        }
        assertThat(sim.liquidations(apiKey)).isZero();
        await().atMost(WAIT).until(() -> adapter.marginState().get().distanceToLiquidationPct() < 5.0);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("-0.1");
    }
}
