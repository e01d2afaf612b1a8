package dev.arb.executor.sim;

import dev.arb.api.Secret;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import dev.arb.sim.chaos.ChaosProxy;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Both simulators on 127.0.0.1, each behind a {@link ChaosProxy}, and the real adapters connected
 * through the proxies (REST and WebSocket), decorated by {@link FaultInjectingAdapter}s that inject
 * nothing but record every order request and show it to a {@link StaleBookWitness}, which tells whether an
 * entry order left on a book that was already stale when the engine decided to send it. The adapters and the
 * engine share one event loop ({@link #loop()}), which the witness relies on.
 * Timeouts are short so that a fault shows within a second or two: books older than 1 s are stale,
 * a silent stream is reopened after 2 s, reconnects back off from 100 ms to 1.6 s.
 *
 * <p><b>Note:</b> not thread-safe; created and closed by the test thread.
 */
final class ChaosVenues implements AutoCloseable {
    static final String VEST_MARKET = SimVenues.VEST_MARKET;
    static final String PARADEX_MARKET = SimVenues.PARADEX_MARKET;
    static final long MAX_BOOK_AGE_MS = 1_000;
    static final long RECONNECT_INITIAL_MS = 100;
    static final long RECONNECT_MAX_MS = 1_600;

    final VestSimulator vestSim;
    final ParadexSimulator paradexSim;
    final ChaosProxy vestProxy;
    final ChaosProxy paradexProxy;
    final FaultInjectingAdapter vest;
    final FaultInjectingAdapter paradex;
    /** The undecorated adapters (their health counters). */
    final VestAdapter vestAdapter;
    final ParadexAdapter paradexAdapter;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final String vestApiKey;
    private final String paradexAccount;
    /** Judges every order the adapters receive; also the engine's {@link dev.arb.executor.ExecutionListener}. */
    final StaleBookWitness staleBooks = new StaleBookWitness(MAX_BOOK_AGE_MS);

    ChaosVenues(final long seed) throws Exception {
        final MarketModel model = new MarketModel(MarketModel.Config.defaults(seed));
        vestSim = VestSimulator.start(model, VestSimulator.Options.defaults());
        paradexSim = ParadexSimulator.start(model, ParadexSimulator.Options.defaults());
        vestProxy = ChaosProxy.start(vestSim.wsUrl());
        paradexProxy = ChaosProxy.start(paradexSim.wsUrl());
        final String vestKey = Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair().getPrivateKey(), 64);
        vestApiKey = vestSim.registerSigner(VestSigner.fromPrivateKey(Secret.of(vestKey)).address());
        final Secret paradexKey = ParadexSigner.randomPrivateKey();
        paradexAccount = "0x" + new BigInteger(250, new SecureRandom()).toString(16);
        paradexSim.registerAccount(paradexAccount, new ParadexSigner(paradexSim.chainId(), paradexAccount, paradexKey)
            .publicKey());
        final VestAdapter v = new VestAdapter(VestConfig.builder()
            .restBaseUrl(vestProxy.proxied(vestSim.restBaseUrl())).wsUrl(vestProxy.proxied(vestSim.wsUrl()))
            .accountGroup(0).apiKey(Secret.of(vestApiKey)).signingKey(Secret.of(vestKey))
            .primaryAddress("0x" + "0".repeat(39) + "1").maxBookAgeMs(MAX_BOOK_AGE_MS).eventLoopGroup(group)
            .requestTimeoutMs(2_000).pingIntervalMs(500).pongTimeoutMs(1_000).idleTimeoutMs(2_000)
            .reconnectInitialDelayMs(RECONNECT_INITIAL_MS).reconnectMaxDelayMs(RECONNECT_MAX_MS)
            .ordersPerSecond(100_000).restCallsPerSecond(100_000).build());
        final ParadexAdapter p = new ParadexAdapter(ParadexConfig.builder()
            .restBaseUrl(paradexProxy.proxied(paradexSim.restBaseUrl()))
            .wsUrl(paradexProxy.proxied(paradexSim.wsUrl())).chainId(paradexSim.chainId())
            .accountAddress(paradexAccount).privateKey(paradexKey).maxBookAgeMs(MAX_BOOK_AGE_MS).eventLoopGroup(group)
            .requestTimeoutMs(2_000).streamIdleTimeoutMs(2_000)
            .reconnectDelayMs(RECONNECT_INITIAL_MS).reconnectMaxDelayMs(RECONNECT_MAX_MS)
            .orderRequestsPerSecond(100_000).privateGetRequestsPerSecond(100_000).orderPollIntervalMs(5)
            .orderPollMaxAttempts(400).build());
        v.connect().get(30, TimeUnit.SECONDS);
        p.connect().get(30, TimeUnit.SECONDS);
        vestAdapter = v;
        paradexAdapter = p;
        vest = new FaultInjectingAdapter(v);
        paradex = new FaultInjectingAdapter(p);
        vest.rejectWhen(r -> staleBooks.atSend(v, r));
        paradex.rejectWhen(r -> staleBooks.atSend(p, r));
    }

    /** @return the one event loop of both adapters, to run the engine on */
    EventLoop loop() {
        return group.next();
    }

    boolean bothFresh() {
        return !vest.isStale(VEST_MARKET) && !paradex.isStale(PARADEX_MARKET);
    }

    /** @return Vest's own record of our position, base units */
    BigDecimal vestPosition() {
        return vestSim.positionBase(vestApiKey, VEST_MARKET);
    }

    /** @return Paradex's own record of our position, base units */
    BigDecimal paradexPosition() {
        return paradexSim.positionBase(paradexAccount, PARADEX_MARKET);
    }

    /** @return client order ids that reached Paradex more than once */
    List<String> paradexDuplicateClientIds() {
        final List<String> ids = paradexSim.receivedClientIds(paradexAccount);
        return ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).distinct().toList();
    }

    /** @return new orders Vest received (identical idempotent re-sends excluded) */
    int vestOrdersReceived() {
        return vestSim.receivedOrderNonces(vestApiKey).size();
    }

    /** @return reconnects of both adapters so far */
    long reconnects() {
        return vestAdapter.health().reconnects() + paradexAdapter.health().reconnects();
    }

    long faultsInjected() {
        return vestProxy.faultsInjected() + paradexProxy.faultsInjected();
    }

    @Override
    public void close() {
        vest.close();
        paradex.close();
        vestProxy.close();
        paradexProxy.close();
        vestSim.close();
        paradexSim.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
