package dev.arb.vest.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for reconnects and rate-limit retries: attempt {@code n} (0-based)
 * waits {@code min(max, initial × 2^n)} ms, scaled by a random factor in [0.8, 1.2) so that many
 * clients do not retry in step.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestBackoff {
    private VestBackoff() {
    }

    /**
     * @param attempt   0 for the first retry
     * @param initialMs first delay, ms
     * @param maxMs     largest delay before jitter, ms
     * @return the delay, ms (≥ 1)
     */
    public static long delayMs(final int attempt, final long initialMs, final long maxMs) {
        final int shift = Math.min(Math.max(0, attempt), 30);
        final long base = Math.min(maxMs, initialMs << shift < 0 ? maxMs : Math.min(maxMs, initialMs << shift));
        final double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, (long) (base * jitter));
    }
}
