package dev.arb.vest.internal.crypto;

import java.util.Arrays;

/**
 * One precomputed secp256k1 ECDSA nonce, used for exactly one signature: {@code k⁻¹ mod n} and
 * {@code r = (k·G).x} as 32 big-endian bytes each, and the parity of {@code (k·G).y} (the recovery
 * id before the low-s flip). {@code k} itself is not kept: once {@code k⁻¹} and {@code r} are known
 * the signature needs nothing else, and holding it would only add secret material.
 *
 * <p>{@link #wipe()} zeroes every field; the pool calls it as soon as the signature is computed.
 *
 * <p><b>Note:</b> not thread-safe; handed from the refill thread to one signing thread through the
 * pool's queue (whose volatile hand-off publishes the fields) and back, wiped.
 */
final class Secp256k1Nonce {
    /** {@code k⁻¹ mod n}, 32 big-endian bytes: secret. */
    final byte[] kInverse = new byte[32];
    /** {@code r = (k·G).x}, 32 big-endian bytes (public once the signature is sent). */
    final byte[] r = new byte[32];
    /** Parity of {@code (k·G).y}: 0 even, 1 odd. */
    int yParity;

    /** Zeroes {@code k⁻¹}, {@code r} and the parity. */
    void wipe() {
        Arrays.fill(kInverse, (byte) 0);
        Arrays.fill(r, (byte) 0);
        yParity = 0;
    }

    /** @return {@code true} if every byte and the parity are zero (a wiped or never-filled entry) */
    boolean isWiped() {
        for (int i = 0; i < 32; i++) {
            if ((kInverse[i] | r[i]) != 0) {
                return false;
            }
        }
        return yParity == 0;
    }

    @Override
    public String toString() {
        return "Secp256k1Nonce{***}";
    }
}
