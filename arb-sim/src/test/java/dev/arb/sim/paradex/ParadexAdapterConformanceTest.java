package dev.arb.sim.paradex;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.Secret;
import dev.arb.api.conformance.ExchangeAdapterConformance;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import java.math.BigDecimal;

/**
 * The venue-neutral {@link ExchangeAdapterConformance} suite: the real {@link ParadexAdapter} (SBE market data,
 * WebSocket order entry, as the bot runs it) against the simulator.
 */
class ParadexAdapterConformanceTest extends ExchangeAdapterConformance {
    private static final String ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";

    private ParadexSimulator sim;
    private Secret key;

    @Override
    protected void startVenue() {
        sim = ParadexSimulator.start(new MarketModel(MarketModel.Config.defaults(17)),
            ParadexSimulator.Options.builder().pingIntervalMs(100).build());
        key = ParadexSigner.randomPrivateKey();
        sim.registerAccount(ACCOUNT, new ParadexSigner(sim.chainId(), ACCOUNT, key).publicKey());
    }

    @Override
    protected void stopVenue() {
        if (sim != null) {
            sim.close();
        }
    }

    @Override
    protected ExchangeAdapter newAdapter() {
        return new ParadexAdapter(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .chainId(sim.chainId()).accountAddress(ACCOUNT).privateKey(key).sbe(true).wsOrderEntry(true)
            .orderPollIntervalMs(10).reconnectDelayMs(50).build());
    }

    @Override
    protected String market() {
        return "BTC-USD-PERP";
    }

    @Override
    protected BigDecimal venuePosition() {
        return sim.positionBase(ACCOUNT, market());
    }
}
