package dev.arb.vest;

import dev.arb.vest.internal.VestRestClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nonces this adapter signs (orders, cancels, signed leverage changes): ms-timestamp based and
 * strictly increasing, {@code max(nowMs, last + 1)}, seeded above the venue's {@code lastNonce} so that
 * a restarted process never reuses one. Sources: protocol reference §3 (signing), §4
 * ({@code GET /account/nonce}).
 *
 * <p><b>Note:</b> thread-safe (one atomic; {@link #next} is lock-free).
 */
final class VestNonces {
    private static final Logger LOG = LoggerFactory.getLogger(VestNonces.class);

    private final AtomicLong lastNonce = new AtomicLong();

    /**
     * @param nowMs now, ms since the epoch
     * @return a nonce greater than every one returned or seeded before
     */
    long next(final long nowMs) {
        while (true) {
            final long last = lastNonce.get();
            final long next = Math.max(nowMs, last + 1);
            if (lastNonce.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    /** @return the last nonce used or seen (ms-timestamp based, strictly increasing) */
    long last() {
        return lastNonce.get();
    }

    /**
     * Starts the nonce sequence above the venue's {@code lastNonce} ({@code GET /account/nonce}), so
     * that a restarted process never reuses a nonce it signed before (nonces are ms timestamps and may
     * run ahead of the clock in a burst). Best effort: a failure is logged and ignored.
     *
     * @param rest the REST client (with an API key)
     * @return completes (never fails) once the answer, or the failure, arrived
     */
    CompletableFuture<Void> seed(final VestRestClient rest) {
        return rest.getPrivate("/account/nonce", "").handle((answer, err) -> {
            if (err != null) {
                LOG.warn("Vest GET /account/nonce failed; nonces start at the clock: {}",
                    err instanceof CompletionException && err.getCause() != null ? err.getCause().getMessage()
                        : err.getMessage());
            } else {
                final long venueLast = answer.path("lastNonce").asLong(0);
                lastNonce.accumulateAndGet(venueLast, Math::max);
            }
            return null;
        });
    }
}
