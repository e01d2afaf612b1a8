package dev.arb.paradex.internal.crypto;

import java.util.Arrays;

/**
 * One precomputed STARK-curve ECDSA nonce, used for exactly one signature: {@code k⁻¹ mod n} and
 * {@code r = (k·G).x} (below {@code 2^251}) as 32 big-endian bytes each. {@code k} itself is not
 * kept: the signature needs only {@code k⁻¹} and {@code r}.
 *
 * <p>{@link #wipe()} zeroes both; the pool calls it as soon as the signature is computed.
 *
 * <p><b>Note:</b> not thread-safe; handed from the refill thread to one signing thread through the
 * pool's queue (whose volatile hand-off publishes the fields) and back, wiped.
 */
final class StarkNonce {
    /** {@code k⁻¹ mod n}, 32 big-endian bytes: secret. */
    final byte[] kInverse = new byte[32];
    /** {@code r = (k·G).x}, 32 big-endian bytes (public once the signature is sent). */
    final byte[] r = new byte[32];

    /** Zeroes {@code k⁻¹} and {@code r}. */
    void wipe() {
        Arrays.fill(kInverse, (byte) 0);
        Arrays.fill(r, (byte) 0);
    }

    /** @return {@code true} if every byte is zero (a wiped or never-filled entry) */
    boolean isWiped() {
        for (int i = 0; i < 32; i++) {
            if ((kInverse[i] | r[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "StarkNonce{***}";
    }
}
