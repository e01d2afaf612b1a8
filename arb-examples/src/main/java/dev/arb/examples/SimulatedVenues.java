package dev.arb.examples;

import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.sim.chaos.ChaosProxy;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.process.SimPair;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import io.netty.channel.EventLoopGroup;

/**
 * Both simulated venues started in-process on 127.0.0.1 from one seeded market model, with fresh throw-away
 * credentials registered on them ({@link SimPair}: the same setup {@code arb sim} serves), and the real adapters
 * configured to reach them.
 *
 * <p><b>Note:</b> not thread-safe; created and closed by one control thread.
 */
final class SimulatedVenues implements AutoCloseable {
    private final SimPair sims;
    private final VestAdapter vest;
    private final ParadexAdapter paradex;
    private final ChaosProxy vestProxy;
    private final ChaosProxy paradexProxy;

    private SimulatedVenues(final SimPair sims, final VestAdapter vest, final ParadexAdapter paradex,
        final ChaosProxy vestProxy, final ChaosProxy paradexProxy) {
        this.sims = sims;
        this.vest = vest;
        this.paradex = paradex;
        this.vestProxy = vestProxy;
        this.paradexProxy = paradexProxy;
    }

    /** Finished orders, fills and request times each simulator keeps (see the simulators' {@code historyLimit}). */
    static final int SIM_HISTORY = 128;

    /**
     * @param seed         market model seed (same seed, same price path)
     * @param loop         event loop shared by both adapters
     * @param maxBookAgeMs book age above which the adapters report stale, ms
     * @return started simulators and unconnected adapters pointed at them
     * @throws IllegalStateException if a simulator cannot bind its port
     */
    static SimulatedVenues start(final long seed, final EventLoopGroup loop, final long maxBookAgeMs) {
        return start(seed, loop, maxBookAgeMs, VestSimulator.Options.defaults(), ParadexSimulator.Options.defaults(),
            false);
    }

    /**
     * @param seed         market model seed (same seed, same price path)
     * @param loop         event loop shared by both adapters
     * @param maxBookAgeMs book age above which the adapters report stale, ms
     * @param chaos        put a {@link ChaosProxy} between each adapter and its simulator (REST and WebSocket),
     *                     and reconnect quickly (100 ms doubling to 2 s), for the soak
     * @return started simulators (and proxies) and unconnected adapters pointed at them
     * @throws IllegalStateException if a simulator or proxy cannot bind its port
     */
    static SimulatedVenues start(final long seed, final EventLoopGroup loop, final long maxBookAgeMs,
        final boolean chaos) {
        return start(seed, loop, maxBookAgeMs, VestSimulator.Options.defaults(), ParadexSimulator.Options.defaults(),
            chaos);
    }

    /**
     * @param seed           market model seed (same seed, same price path)
     * @param loop           event loop shared by both adapters
     * @param maxBookAgeMs   book age above which the adapters report stale, ms
     * @param vestOptions    the Vest simulator's symbols and book shape
     * @param paradexOptions the Paradex simulator's markets and book shape
     * @return started simulators and unconnected adapters pointed at them
     * @throws IllegalStateException if a simulator cannot bind its port
     */
    static SimulatedVenues start(final long seed, final EventLoopGroup loop, final long maxBookAgeMs,
        final VestSimulator.Options vestOptions, final ParadexSimulator.Options paradexOptions) {
        return start(seed, loop, maxBookAgeMs, vestOptions, paradexOptions, false);
    }

    /**
     * @param seed           market model seed (same seed, same price path)
     * @param loop           event loop shared by both adapters
     * @param maxBookAgeMs   book age above which the adapters report stale, ms
     * @param vestOptions    the Vest simulator's symbols and book shape
     * @param paradexOptions the Paradex simulator's markets and book shape
     * @param chaos          put a {@link ChaosProxy} between each adapter and its simulator (REST and WebSocket),
     *                       and reconnect quickly (100 ms doubling to 2 s), for the soak
     * @return started simulators (and proxies) and unconnected adapters pointed at them
     * @throws IllegalStateException if a simulator or proxy cannot bind its port
     */
    static SimulatedVenues start(final long seed, final EventLoopGroup loop, final long maxBookAgeMs,
        final VestSimulator.Options vestOptions, final ParadexSimulator.Options paradexOptions, final boolean chaos) {
        // the bot runs for hours against them: keep their order and fill history bounded (the soak's heap is the sum)
        final SimPair sims = SimPair.start(seed, vestOptions, paradexOptions, SIM_HISTORY);
        final VestSimulator vestSim = sims.vest();
        final ParadexSimulator paradexSim = sims.paradex();
        final ChaosProxy vestProxy = chaos ? ChaosProxy.start(vestSim.wsUrl()) : null;
        final ChaosProxy paradexProxy = chaos ? ChaosProxy.start(paradexSim.wsUrl()) : null;

        final VestConfig.Builder vestConfig = VestConfig.builder()
            .restBaseUrl(chaos ? vestProxy.proxied(vestSim.restBaseUrl()) : vestSim.restBaseUrl())
            .wsUrl(chaos ? vestProxy.proxied(vestSim.wsUrl()) : vestSim.wsUrl())
            .accountGroup(0)
            .apiKey(sims.vestApiKey())
            .signingKey(sims.vestSigningKey())
            .primaryAddress("0x" + "0".repeat(39) + "1")
            .maxBookAgeMs(maxBookAgeMs)
            .eventLoopGroup(loop);
        if (chaos) {
            vestConfig.requestTimeoutMs(3_000).pongTimeoutMs(2_000).idleTimeoutMs(4_000).reconnectInitialDelayMs(100)
                .reconnectMaxDelayMs(2_000);
        }
        final VestAdapter vest = new VestAdapter(vestConfig.build());

        final ParadexConfig.Builder paradexConfig = ParadexConfig.builder()
            .restBaseUrl(chaos ? paradexProxy.proxied(paradexSim.restBaseUrl()) : paradexSim.restBaseUrl())
            .wsUrl(chaos ? paradexProxy.proxied(paradexSim.wsUrl()) : paradexSim.wsUrl())
            .chainId(paradexSim.chainId())
            .accountAddress(sims.paradexAccount())
            .privateKey(sims.paradexPrivateKey())
            .sbe(true)                 // the live venue serves public market data only as SBE
            .wsOrderEntry(true)        // low-latency order entry, REST as fallback
            .maxBookAgeMs(maxBookAgeMs)
            .eventLoopGroup(loop);
        if (chaos) {
            paradexConfig.requestTimeoutMs(3_000).streamIdleTimeoutMs(4_000).reconnectDelayMs(100)
                .reconnectMaxDelayMs(2_000);
        }
        final ParadexAdapter paradex = new ParadexAdapter(paradexConfig.build());
        return new SimulatedVenues(sims, vest, paradex, vestProxy, paradexProxy);
    }

    /** @return the proxies in front of Vest and Paradex (empty without chaos) */
    java.util.List<ChaosProxy> proxies() {
        return vestProxy == null ? java.util.List.of() : java.util.List.of(vestProxy, paradexProxy);
    }

    VestAdapter vest() {
        return vest;
    }

    /** @return the Vest simulator (fault switches for tests) */
    VestSimulator vestSim() {
        return sims.vest();
    }

    /** @return the Paradex simulator (fault switches for tests) */
    ParadexSimulator paradexSim() {
        return sims.paradex();
    }

    ParadexAdapter paradex() {
        return paradex;
    }

    @Override
    public void close() {
        vest.close();
        paradex.close();
        for (ChaosProxy p : proxies()) {
            p.close();
        }
        sims.close();
    }
}
