package dev.arb.executor.sim;

import dev.arb.api.Secret;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Both simulators on 127.0.0.1, the real adapters connected to them through
 * {@link FaultInjectingAdapter}s, on one event loop (the executors' state thread).
 *
 * <p><b>Note:</b> not thread-safe; created and closed by the test thread.
 */
public final class SimVenues implements AutoCloseable {
    /** Vest's symbol. */
    public static final String VEST_MARKET = "BTC-PERP";
    /** Paradex's symbol. */
    public static final String PARADEX_MARKET = "BTC-USD-PERP";

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final MarketModel model;
    private final VestSimulator vestSim;
    private final ParadexSimulator paradexSim;
    private final Credentials credentials;
    private FaultInjectingAdapter vest;
    private FaultInjectingAdapter paradex;

    /**
     * Credentials registered on the simulators, so a child JVM can connect as the same accounts.
     *
     * @param vestRest      Vest REST URL
     * @param vestWs        Vest WebSocket URL
     * @param vestApiKey    Vest API key
     * @param vestKey       Vest signing key (hex)
     * @param paradexRest   Paradex REST URL
     * @param paradexWs     Paradex WebSocket URL
     * @param chainId       Paradex chain id
     * @param account       Paradex account address
     * @param paradexKey    Paradex private key (hex)
     */
    public record Credentials(String vestRest, String vestWs, String vestApiKey, String vestKey, String paradexRest,
        String paradexWs, String chainId, String account, String paradexKey) {
        /** @return the fields as program arguments */
        public String[] toArgs() {
            return new String[] {vestRest, vestWs, vestApiKey, vestKey, paradexRest, paradexWs, chainId, account,
                paradexKey};
        }

        /** @param a program arguments from {@link #toArgs()} @return the credentials */
        public static Credentials fromArgs(final String[] a) {
            return new Credentials(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
        }
    }

    private SimVenues(final long seed) throws Exception {
        model = new MarketModel(MarketModel.Config.defaults(seed));
        vestSim = VestSimulator.start(model, VestSimulator.Options.defaults());
        paradexSim = ParadexSimulator.start(model, ParadexSimulator.Options.defaults());
        final String vestKey = Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
        final String vestApiKey = vestSim.registerSigner(VestSigner.fromPrivateKey(Secret.of(vestKey)).address());
        final Secret paradexKey = ParadexSigner.randomPrivateKey();
        final String account = "0x" + new BigInteger(250, new SecureRandom()).toString(16);
        final ParadexSigner signer = new ParadexSigner(paradexSim.chainId(), account, paradexKey);
        paradexSim.registerAccount(account, signer.publicKey());
        credentials = new Credentials(vestSim.restBaseUrl(), vestSim.wsUrl(), vestApiKey, vestKey,
            paradexSim.restBaseUrl(), paradexSim.wsUrl(), paradexSim.chainId(), account, paradexKey.reveal());
    }

    /**
     * Starts both simulators and connects decorated adapters.
     *
     * @param seed market model seed
     * @return the venues, connected
     * @throws Exception if a simulator or adapter cannot start
     */
    public static SimVenues start(final long seed) throws Exception {
        final SimVenues v = new SimVenues(seed);
        final Adapters a = connect(v.credentials, v.group);
        v.vest = a.vest();
        v.paradex = a.paradex();
        return v;
    }

    /** Decorated adapters. @param vest Vest @param paradex Paradex */
    public record Adapters(FaultInjectingAdapter vest, FaultInjectingAdapter paradex) {
    }

    /**
     * Connects decorated adapters to running simulators (also used by the child JVM of the crash test).
     *
     * @param c     credentials
     * @param group event loop for both adapters
     * @return connected adapters
     * @throws Exception if a connection fails
     */
    public static Adapters connect(final Credentials c, final EventLoopGroup group) throws Exception {
        final VestAdapter vest = new VestAdapter(VestConfig.builder()
            .restBaseUrl(c.vestRest()).wsUrl(c.vestWs()).accountGroup(0).apiKey(Secret.of(c.vestApiKey()))
            .signingKey(Secret.of(c.vestKey())).primaryAddress("0x" + "0".repeat(39) + "1")
            .maxBookAgeMs(5_000).eventLoopGroup(group)
            // client-side limits far above what the test sends: the venues are local simulators
            .ordersPerSecond(100_000).restCallsPerSecond(100_000).build());
        final ParadexAdapter paradex = new ParadexAdapter(ParadexConfig.builder()
            .restBaseUrl(c.paradexRest()).wsUrl(c.paradexWs()).chainId(c.chainId()).accountAddress(c.account())
            .privateKey(Secret.of(c.paradexKey())).maxBookAgeMs(5_000).eventLoopGroup(group)
            .orderRequestsPerSecond(100_000).privateGetRequestsPerSecond(100_000).orderPollIntervalMs(2)
            .orderPollMaxAttempts(1_000).build());
        vest.connect().get(30, TimeUnit.SECONDS);
        paradex.connect().get(30, TimeUnit.SECONDS);
        return new Adapters(new FaultInjectingAdapter(vest), new FaultInjectingAdapter(paradex));
    }

    /** @return the decorated Vest adapter */
    public FaultInjectingAdapter vest() {
        return vest;
    }

    /** @return the decorated Paradex adapter */
    public FaultInjectingAdapter paradex() {
        return paradex;
    }

    /** @return the event loop both adapters run on */
    public EventLoop loop() {
        return group.next();
    }

    /** @return the price model both simulators quote ({@link MarketModel#pushPrice} moves the market) */
    public MarketModel model() {
        return model;
    }

    /** @return the Vest simulator */
    public VestSimulator vestSimulator() {
        return vestSim;
    }

    /** @return the Paradex simulator */
    public ParadexSimulator paradexSimulator() {
        return paradexSim;
    }

    /** @return the credentials registered on the simulators */
    public Credentials credentials() {
        return credentials;
    }

    /** @return Vest's own record of our position, base units */
    public BigDecimal vestPosition() {
        return vestSim.positionBase(credentials.vestApiKey(), VEST_MARKET);
    }

    /** @return Paradex's own record of our position, base units */
    public BigDecimal paradexPosition() {
        return paradexSim.positionBase(credentials.account(), PARADEX_MARKET);
    }

    @Override
    public void close() {
        if (vest != null) {
            vest.close();
        }
        if (paradex != null) {
            paradex.close();
        }
        vestSim.close();
        paradexSim.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
