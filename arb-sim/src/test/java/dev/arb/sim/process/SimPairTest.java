package dev.arb.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import java.math.BigDecimal;
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

    @Test
    void shouldFailOnABadHistoryLimit() {
        assertThatThrownBy(() -> SimPair.start(3, VestSimulator.Options.defaults(), ParadexSimulator.Options.defaults(),
            0)).isInstanceOf(IllegalArgumentException.class);
    }
}
