package dev.arb.examples;

import dev.arb.sim.chaos.ChaosFault;
import dev.arb.sim.chaos.ChaosProxy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's fault injector: at random times (exponentially distributed around a mean), picks one proxy
 * at random and one fault at random (latency and jitter, a bandwidth cap, a stall, a half-close, a reset
 * mid-frame, one-byte writes, a restart), and heals that proxy 1-5 s later.
 *
 * <p><b>Note:</b> thread-safe; the faults run on one thread of its own.
 */
final class SoakChaos implements AutoCloseable {
    private static final ChaosFault[] FAULTS = ChaosFault.values();

    private final List<ChaosProxy> proxies;
    private final long meanMs;
    private final Random random;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "soak-chaos");
        t.setDaemon(true);
        return t;
    });
    private final Map<ChaosFault, AtomicLong> byKind = new EnumMap<>(ChaosFault.class);
    private volatile boolean closed;

    /**
     * @param proxies the proxies to disturb
     * @param mean    mean time between faults
     * @param seed    seed of the choices
     */
    SoakChaos(final List<ChaosProxy> proxies, final Duration mean, final long seed) {
        this.proxies = proxies;
        this.meanMs = Math.max(100, mean.toMillis());
        this.random = new Random(seed);
        for (ChaosFault f : FAULTS) {
            byKind.put(f, new AtomicLong());
        }
        scheduleNext();
    }

    private void scheduleNext() {
        if (closed || proxies.isEmpty()) {
            return;
        }
        final long wait = (long) (-Math.log(1 - random.nextDouble()) * meanMs);
        timer.schedule(this::inject, wait, TimeUnit.MILLISECONDS);
    }

    private void inject() {
        if (closed) {
            return;
        }
        final ChaosProxy p = proxies.get(random.nextInt(proxies.size()));
        final ChaosFault f = FAULTS[random.nextInt(FAULTS.length)];
        switch (f) {
            case LATENCY -> p.latency(Duration.ofMillis(20 + random.nextInt(80)), Duration.ofMillis(50));
            case BANDWIDTH -> p.bandwidth(16_000 + random.nextInt(48_000));
            case STALL -> p.stall(true);
            case HALF_CLOSE -> p.halfClose();
            case RESET_MID_FRAME -> p.resetNextFrame();
            case TINY_WRITES -> p.tinyWrites(true);
            case RESTART -> p.restart(Duration.ofMillis(500 + random.nextInt(2_500)));
            default -> throw new IllegalStateException("unknown fault " + f);
        }
        byKind.get(f).incrementAndGet();
        timer.schedule(p::heal, 1_000 + random.nextInt(4_000), TimeUnit.MILLISECONDS);
        scheduleNext();
    }

    /** @return faults injected so far */
    long injected() {
        return byKind.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** @return faults injected so far, by kind */
    Map<ChaosFault, Long> byKind() {
        final Map<ChaosFault, Long> m = new EnumMap<>(ChaosFault.class);
        byKind.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Stops injecting and heals every proxy. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        proxies.forEach(ChaosProxy::heal);
    }
}
