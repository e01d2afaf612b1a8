package dev.arb.vest.internal.crypto;

import dev.arb.precompute.PrecomputedPool;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A bounded pool of precomputed secp256k1 ECDSA nonces ({@link Secp256k1Nonce}: {@code k⁻¹ mod n},
 * {@code r = (k·G).x}, parity of {@code (k·G).y}), so that a signature at decision time is two
 * modular multiplications instead of RFC 6979 and a point multiplication.
 *
 * <p>{@code k} is drawn uniformly from {@code 1..n-1} with {@link SecureRandom} (the platform's
 * default, non-blocking on Linux: {@code NativePRNG} reading {@code /dev/urandom}), never derived
 * from the message, so the same digest signed twice gives two different valid signatures. A
 * {@code k} whose {@code (k·G).x} is {@code ≥ n} (probability about 2^-128) is drawn again, so the
 * recovery id is always 0 or 1. Each entry is taken by exactly one signature and wiped before it
 * goes back to the free list (SEC 1 §4.1.3: a nonce used twice reveals the private key).
 *
 * <p>Hand-off, refill agent and wiping: {@link PrecomputedPool}; the bot runs the agent on its own
 * daemon thread ({@link #start(String)}). One entry costs about 32 mixed additions on the fixed-base
 * table plus a {@code modInverse}, 50–100 µs of CPU on the reference VM. Sizes: 64 entries by default
 * ({@link #DEFAULT_CAPACITY}), about 100 bytes each.
 *
 * <p>Limit: the intermediate {@link BigInteger}s of {@code k} are immutable and cannot be wiped;
 * they become unreachable garbage, as in every BouncyCastle signer.
 *
 * <p><b>Note:</b> thread-safe as {@link PrecomputedPool} says; {@link #fill} runs on the refill thread
 * only (the {@link SecureRandom} is that thread's).
 */
public final class Secp256k1NoncePool extends PrecomputedPool<Secp256k1Nonce> {
    /** Default number of entries. */
    public static final int DEFAULT_CAPACITY = 64;

    private final SecureRandom random = new SecureRandom();

    /**
     * @param capacity number of entries, at least 2
     * @throws IllegalArgumentException if capacity is below 2
     */
    public Secp256k1NoncePool(final int capacity) {
        super(capacity, Secp256k1Nonce::new);
    }

    @Override
    public String roleName() {
        return "secp256k1-nonce-pool";
    }

    @Override
    protected void fill(final Secp256k1Nonce e) {
        while (true) {
            final BigInteger k = new BigInteger(256, random);
            if (k.signum() == 0 || k.compareTo(Secp256k1Signer.N) >= 0) {
                continue;
            }
            final ECPoint p = Secp256k1Signer.multiplyG(k);
            final BigInteger x = p.getAffineXCoord().toBigInteger();
            if (x.signum() == 0 || x.compareTo(Secp256k1Signer.N) >= 0) {
                continue;
            }
            Secp256k1Signer.put32(k.modInverse(Secp256k1Signer.N), e.kInverse, 0);
            Secp256k1Signer.put32(x, e.r, 0);
            e.yParity = p.getAffineYCoord().testBitZero() ? 1 : 0;
            return;
        }
    }

    @Override
    protected void wipe(final Secp256k1Nonce e) {
        e.wipe();
    }
}
