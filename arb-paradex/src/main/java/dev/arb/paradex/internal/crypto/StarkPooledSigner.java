package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STARK-curve ECDSA with a precomputed nonce from a {@link StarkNoncePool}: {@code r} is read from
 * the entry and {@code s = k⁻¹·(z + r·d) mod n} is two modular multiplications, where {@code z} is
 * the message hash itself (a felt below {@code 2^252}: {@link StarkEcdsa}'s {@code fixMessageLength}
 * encoding makes BouncyCastle use exactly that value, so both signers sign the same {@code z}).
 * STARK ECDSA has no low-s rule: Cairo's {@code verify_ecdsa_signature}, starknet.js and
 * starknet-jvm accept any {@code s} in {@code 1..n-1}. When the pool is empty it falls back to the
 * deterministic RFC 6979 {@link StarkEcdsa#sign} (counted by {@link #fallbackCount()}).
 *
 * <p>The signatures are valid but not reproducible: the nonce is random. Sources: protocol reference
 * §5.4 (curve, signature); SEC 1 §4.1.3; StarkWare {@code crypto/signature.py} {@code sign}.
 *
 * <p><b>Note:</b> thread-safe (the pool hands each entry to one caller; the counters are atomic).
 */
public final class StarkPooledSigner {
    private final BigInteger privateKey;
    private final StarkNoncePool pool;
    private final AtomicLong pooled = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * @param privateKey the private key in {@code 1..n-1}
     * @param pool       the nonce pool
     * @throws IllegalArgumentException if the key is out of range (the message does not contain it)
     */
    public StarkPooledSigner(final BigInteger privateKey, final StarkNoncePool pool) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(StarkCurve.N) >= 0) {
            throw new IllegalArgumentException("private key outside 1..n-1 of the STARK curve");
        }
        this.privateKey = privateKey;
        this.pool = pool;
    }

    /** @return the pool this signer draws from */
    public StarkNoncePool pool() {
        return pool;
    }

    /**
     * Signs a message hash with a pooled nonce, or deterministically if none is ready.
     *
     * @param messageHash the hash, {@code 0 <= hash < 2^252}
     * @return {@code {r, s}}
     * @throws IllegalArgumentException if the hash is out of range
     */
    public BigInteger[] sign(final BigInteger messageHash) {
        if (messageHash.signum() < 0 || messageHash.bitLength() > 252) {
            throw new IllegalArgumentException("message hash must be below 2^252");
        }
        final StarkNonce nonce = pool.take();
        if (nonce == null) {
            fallbacks.incrementAndGet();
            return StarkEcdsa.sign(privateKey, messageHash);
        }
        try {
            final BigInteger[] rs = sign(nonce, messageHash);
            if (rs == null) {
                fallbacks.incrementAndGet();
                return StarkEcdsa.sign(privateKey, messageHash);
            }
            pooled.incrementAndGet();
            return rs;
        } finally {
            pool.release(nonce);
        }
    }

    /** {@code s = k⁻¹·(z + r·d) mod n}; null if s is 0 (probability 2^-251). */
    BigInteger[] sign(final StarkNonce nonce, final BigInteger z) {
        final BigInteger r = new BigInteger(1, nonce.r);
        final BigInteger s = new BigInteger(1, nonce.kInverse).multiply(z.add(r.multiply(privateKey))).mod(StarkCurve.N);
        return s.signum() == 0 ? null : new BigInteger[] {r, s};
    }

    /** @return signatures made with a pooled nonce */
    public long pooledCount() {
        return pooled.get();
    }

    /** @return signatures that fell back to RFC 6979 because the pool was empty */
    public long fallbackCount() {
        return fallbacks.get();
    }

    @Override
    public String toString() {
        return "StarkPooledSigner{key=***, " + pool + '}';
    }
}
