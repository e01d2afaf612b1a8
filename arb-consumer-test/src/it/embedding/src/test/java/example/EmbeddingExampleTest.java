package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.Secret;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * README's "Embedding the SDK", as a trader's app would write it, with the adapters pointed at the simulators
 * instead of the venues (the only change): connect, trade until the engine has entered at least once, flatten.
 */
class EmbeddingExampleTest {
    /** A throwaway secp256k1 key (the well-known first Hardhat test account); the simulator registers it. */
    private static final String VEST_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String PARADEX_ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";

    @Test
    void shouldTradeBothVenuesThroughThePublishedArtifactsAndEndFlat() {
        final MarketModel model = new MarketModel(MarketModel.Config.defaults(42));
        try (VestSimulator vestSim = VestSimulator.start(model, VestSimulator.Options.defaults());
             ParadexSimulator paradexSim = ParadexSimulator.start(model, ParadexSimulator.Options.defaults())) {
            final Secret vestKey = Secret.of(VEST_KEY);
            final String vestApiKey = vestSim.registerSigner(VestSigner.fromPrivateKey(vestKey).address());
            final Secret paradexKey = ParadexSigner.randomPrivateKey();
            paradexSim.registerAccount(PARADEX_ACCOUNT,
                new ParadexSigner(paradexSim.chainId(), PARADEX_ACCOUNT, paradexKey).publicKey());

            final EventLoopGroup loop = new NioEventLoopGroup(1); // one thread: both venues' data + decisions
            final VestAdapter vest = new VestAdapter(VestConfig.builder()
                .restBaseUrl(vestSim.restBaseUrl()).wsUrl(vestSim.wsUrl())
                .accountGroup(0).apiKey(Secret.of(vestApiKey)).signingKey(vestKey)
                .primaryAddress("0x0000000000000000000000000000000000000001").eventLoopGroup(loop).build());
            final ParadexAdapter paradex = new ParadexAdapter(ParadexConfig.builder()
                .restBaseUrl(paradexSim.restBaseUrl()).wsUrl(paradexSim.wsUrl()).chainId(paradexSim.chainId())
                .accountAddress(PARADEX_ACCOUNT).privateKey(paradexKey).eventLoopGroup(loop).build());
            CompletableFuture.allOf(vest.connect(), paradex.connect()).join();

            final ExecutorConfig config = ExecutorConfig.builder()
                .entryThresholdPct(0.15).exitThresholdPct(-0.05)
                .positionSizeBase(new BigDecimal("0.001")).slippageBps(10).maxQuoteAgeMs(2000).useVwap(true).build();
            final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(
                vest, "BTC-PERP", paradex, "BTC-USD-PERP", config, loop.next(), new ExecutionListener() { });
            executor.start();
            executor.setParameter("spread_entry", "0.2").join();
            await().atMost(Duration.ofSeconds(90)).until(() -> executor.stats().entries() > 0);
            executor.flatten().join();

            assertThat(vestSim.positionBase(vestApiKey, "BTC-PERP")).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(paradexSim.positionBase(PARADEX_ACCOUNT, "BTC-USD-PERP")).isEqualByComparingTo(BigDecimal.ZERO);
            vest.close();
            paradex.close();
            loop.shutdownGracefully();
        }
    }
}
