package dev.arb.executor.sim;

import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * Measures naked exposure from the venues' own books of the account: every 5 ms it adds the two
 * positions and, while their sum exceeds the dust tolerance, counts the time as naked. Reports the
 * total and the longest single episode.
 *
 * <p><b>Note:</b> thread-safe; one sampling thread of its own.
 */
final class ExposureMeter implements AutoCloseable {
    /** The larger venue minimum order (Paradex's 10 USD minimum notional at BTC ~65,000). */
    static final BigDecimal DUST = new BigDecimal("0.0002");

    private final Supplier<BigDecimal> net;
    private final Thread thread;
    private volatile boolean running = true;
    private long nakedNanos;
    private long longestNanos;

    ExposureMeter(final Supplier<BigDecimal> net) {
        this.net = net;
        thread = new Thread(this::run, "exposure-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long episodeStart = -1;
        long last = System.nanoTime();
        while (running) {
            final long now = System.nanoTime();
            final boolean naked = net.get().abs().compareTo(DUST) > 0;
            synchronized (this) {
                if (naked) {
                    nakedNanos += now - last;
                    if (episodeStart < 0) {
                        episodeStart = last;
                    }
                    longestNanos = Math.max(longestNanos, now - episodeStart);
                } else {
                    episodeStart = -1;
                }
            }
            last = now;
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }

    synchronized double nakedSeconds() {
        return nakedNanos / 1e9;
    }

    synchronized double longestSeconds() {
        return longestNanos / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
