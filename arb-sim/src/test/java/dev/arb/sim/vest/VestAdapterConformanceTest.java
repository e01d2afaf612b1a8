package dev.arb.sim.vest;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.Secret;
import dev.arb.api.conformance.ExchangeAdapterConformance;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import java.math.BigDecimal;

/** The venue-neutral {@link ExchangeAdapterConformance} suite: the real {@link VestAdapter} against the simulator. */
class VestAdapterConformanceTest extends ExchangeAdapterConformance {
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private VestSimulator sim;
    private String apiKey;

    @Override
    protected void startVenue() {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(17)), VestSimulator.Options.defaults());
        apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
    }

    @Override
    protected void stopVenue() {
        if (sim != null) {
            sim.close();
        }
    }

    @Override
    protected ExchangeAdapter newAdapter() {
        return new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).pingIntervalMs(100).orderPollIntervalMs(10)
            .ordersPerSecond(1000).restCallsPerSecond(1000).rateLimitBackoffMs(20).build());
    }

    @Override
    protected String market() {
        return "BTC-PERP";
    }

    @Override
    protected BigDecimal venuePosition() {
        return sim.positionBase(apiKey, market());
    }
}
