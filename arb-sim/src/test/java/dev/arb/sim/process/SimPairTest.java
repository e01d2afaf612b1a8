package dev.arb.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimPair}: the options reach the simulators, and the credentials it reports are the registered ones. */
class SimPairTest {
    @Test
    void shouldStartBothSimulatorsWithTheGivenOptionsAndReportTheRegisteredCredentials() {
        final VestSimulator.Options vestOptions = VestSimulator.Options.builder().symbols(List.of(
            VestSimulator.SimSymbol.btcPerp(), new VestSimulator.SimSymbol("ETH-PERP", 4, 2, new BigDecimal("0.0001"),
                1.0))).build();
        final ParadexSimulator.Options paradexOptions = ParadexSimulator.Options.builder().chainId("SIM_PAIR_TEST")
            .build();
        try (SimPair sims = SimPair.start(3, vestOptions, paradexOptions, 4)) {
            assertThat(sims.vestSigningKey().reveal()).matches("0x[0-9a-f]{64}");
            // the API key is registered (an unknown key throws) on a symbol only the given options have
            assertThat(sims.vest().positionBase(sims.vestApiKey().reveal(), "ETH-PERP")).isZero();
            assertThat(sims.paradex().chainId()).isEqualTo("SIM_PAIR_TEST");
            assertThat(sims.paradexAccount()).startsWith("0x");
            assertThat(sims.paradexPrivateKey().toString()).isEqualTo("***");
            final ObjectNode json = sims.json();
            assertThat(json.path("vestSigningKey").asText()).isEqualTo(sims.vestSigningKey().reveal());
            assertThat(json.path("vestApiKey").asText()).isEqualTo(sims.vestApiKey().reveal());
            assertThat(json.path("paradexAccount").asText()).isEqualTo(sims.paradexAccount());
            assertThat(json.path("paradexPrivateKey").asText()).isEqualTo(sims.paradexPrivateKey().reveal());
            assertThat(json.path("paradexChainId").asText()).isEqualTo("SIM_PAIR_TEST");
        }
    }

    /**
     * A paced harness steps Vest by hand, far faster than Paradex's 100 ms timer: both quote the one model, which
     * keeps only {@link MarketModel#RETAINED_STEPS} steps, so a Paradex left on its own clock fell out of the model,
     * its timer died on the first step it could no longer quote and its book froze (every later order and position
     * query failed). Paradex must follow Vest's step instead, and keep following it.
     */
    @Test
    void shouldKeepParadexOnTheStepOfAHandSteppedVestHoweverFastVestIsStepped() {
        try (SimPair sims = SimPair.start(3, true, 4)) {
            for (int i = 0; i < MarketModel.RETAINED_STEPS + 2_000; i++) {
                sims.vest().advance();
            }
            await("Paradex at Vest's step").atMost(Duration.ofSeconds(10))
                .until(() -> sims.paradex().currentStep() == sims.vest().currentStep());
            for (int i = 0; i < 5; i++) {
                sims.vest().advance();
            }
            await("Paradex at Vest's step").atMost(Duration.ofSeconds(10))
                .until(() -> sims.paradex().currentStep() == sims.vest().currentStep());
            assertThat(sims.paradex().positionBase(sims.paradexAccount(), "BTC-USD-PERP")).isZero();
        }
    }

    @Test
    void shouldFailOnABadHistoryLimit() {
        assertThatThrownBy(() -> SimPair.start(3, VestSimulator.Options.defaults(), ParadexSimulator.Options.defaults(),
            0)).isInstanceOf(IllegalArgumentException.class);
    }
}
