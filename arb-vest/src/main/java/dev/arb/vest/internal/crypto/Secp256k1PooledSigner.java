package dev.arb.vest.internal.crypto;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * secp256k1 ECDSA with a precomputed nonce from a {@link Secp256k1NoncePool}: {@code r} and the
 * parity of {@code R.y} are read from the entry and {@code s = k⁻¹·(z + r·d) mod n} is two
 * modular multiplications; then the Ethereum rules of {@link Secp256k1Signer}: low s
 * ({@code s > n/2 → n − s}, EIP-2, which flips the recovery parity) and {@code v = 27 + parity}.
 * When the pool is empty it falls back to the deterministic RFC 6979 {@link Secp256k1Signer}
 * (counted by {@link #fallbackCount()}).
 *
 * <p>The signatures are valid but, unlike RFC 6979, not reproducible: the nonce is random.
 * Sources: SEC 1 §4.1.3 (signing), §4.1.6 (recovery id); EIP-2; EIP-191; Vest API docs "Signing".
 *
 * <p><b>Note:</b> thread-safe (the pool hands each entry to one caller; the counters are atomic).
 */
public final class Secp256k1PooledSigner {
    private final BigInteger privateKey;
    private final Secp256k1Signer deterministic;
    private final Secp256k1NoncePool pool;
    private final AtomicLong pooled = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * @param privateKey the private key in {@code 1..n-1}
     * @param pool       the nonce pool (one per key or shared; entries are key-independent)
     * @throws IllegalArgumentException if the key is out of range (the message does not contain it)
     */
    public Secp256k1PooledSigner(final BigInteger privateKey, final Secp256k1NoncePool pool) {
        this.deterministic = new Secp256k1Signer(privateKey);
        this.privateKey = privateKey;
        this.pool = pool;
    }

    /** @return the pool this signer draws from */
    public Secp256k1NoncePool pool() {
        return pool;
    }

    /**
     * Signs {@link Secp256k1Signer#eip191Digest(byte[])} of a 32-byte hash ({@code personal_sign}).
     *
     * @param hash32 the 32-byte hash (e.g. the order args hash)
     * @return 65 bytes {@code r ‖ s ‖ v}, v in {27, 28}, low s
     */
    public byte[] signPrefixed(final byte[] hash32) {
        return signDigest(Secp256k1Signer.eip191Digest(hash32));
    }

    /**
     * Signs a digest (no hashing, no prefix) with a pooled nonce, or deterministically if none is ready.
     *
     * @param digest32 the 32-byte digest
     * @return 65 bytes {@code r(32) ‖ s(32) ‖ v(1)}, v in {27, 28}, low s
     * @throws IllegalArgumentException if the digest is not 32 bytes
     */
    public byte[] signDigest(final byte[] digest32) {
        if (digest32.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        final Secp256k1Nonce nonce = pool.take();
        if (nonce == null) {
            fallbacks.incrementAndGet();
            return deterministic.signDigest(digest32);
        }
        try {
            final byte[] out = new byte[65];
            if (!sign(nonce, digest32, out)) {
                fallbacks.incrementAndGet();
                return deterministic.signDigest(digest32);
            }
            pooled.incrementAndGet();
            return out;
        } finally {
            pool.release(nonce);
        }
    }

    /** {@code s = k⁻¹·(z + r·d) mod n}, low s; false if s is 0 (probability 2^-256). */
    boolean sign(final Secp256k1Nonce nonce, final byte[] digest32, final byte[] out65) {
        final BigInteger r = new BigInteger(1, nonce.r);
        final BigInteger z = new BigInteger(1, digest32); // 256-bit digest, 256-bit n: no truncation
        BigInteger s = new BigInteger(1, nonce.kInverse).multiply(z.add(r.multiply(privateKey))).mod(Secp256k1Signer.N);
        if (s.signum() == 0) {
            return false;
        }
        int parity = nonce.yParity;
        if (s.compareTo(Secp256k1Signer.HALF_N) > 0) {
            s = Secp256k1Signer.N.subtract(s);
            parity ^= 1;
        }
        System.arraycopy(nonce.r, 0, out65, 0, 32);
        java.util.Arrays.fill(out65, 32, 64, (byte) 0);
        Secp256k1Signer.put32(s, out65, 32);
        out65[64] = (byte) (27 + parity);
        return true;
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
        return "Secp256k1PooledSigner{key=***, " + pool + '}';
    }
}
