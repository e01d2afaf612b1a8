package dev.arb.vest.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 ECDSA signing of 32-byte digests with the recovery id computed while signing, instead
 * of web3j's search over the four candidate public keys: RFC 6979 nonce (HMAC-SHA256, as web3j and
 * ethers), {@code R = k·G} with an 8-bit windowed fixed-base table ({@link Secp256k1FixedBase}) over
 * BouncyCastle's custom secp256k1 field,
 * low-s normalisation ({@code s > n/2 → n - s}, which flips the parity of the recovery id), and
 * {@code v = 27 + (R.y odd ? 1 : 0) + (R.x ≥ n ? 2 : 0)}.
 *
 * <p>Output is byte-identical to web3j {@code Sign.signMessage(digest, keyPair, false)} and ethers
 * 6 {@code SigningKey.sign}. Sources: SEC 1 §4.1.3 and §4.1.6 (public key recovery); RFC 6979;
 * EIP-2 (low s); EIP-191 ({@code personal_sign} prefix); Vest API docs "Signing".
 *
 * <p><b>Note:</b> immutable, thread-safe (each signature uses its own BouncyCastle signer).
 */
public final class Secp256k1Signer {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN =
        new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    /** The group order n. */
    static final BigInteger N = PARAMS.getN();
    /** n / 2, rounded down: the largest low s (EIP-2). */
    static final BigInteger HALF_N = N.shiftRight(1);
    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n32".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII);

    private final ECPrivateKeyParameters key;

    private static final class Tables {
        static final Secp256k1FixedBase G = new Secp256k1FixedBase(DOMAIN.getG());
    }

    /**
     * @param privateKey the private key in {@code 1..n-1}
     * @throws IllegalArgumentException if the key is out of range (the message does not contain it)
     */
    public Secp256k1Signer(final BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new IllegalArgumentException("private key outside 1..n-1 of secp256k1");
        }
        this.key = new ECPrivateKeyParameters(privateKey, DOMAIN);
    }

    /** Builds the fixed-base table of G now (about 0.1–0.5 s) rather than on the first signature. */
    public static void warmUp() {
        Tables.G.multiply(DOMAIN.getG(), BigInteger.ONE);
    }

    /**
     * @param k a scalar in {@code 1..n-1}
     * @return {@code k·G}, normalised (affine), from the fixed-base table
     */
    static ECPoint multiplyG(final BigInteger k) {
        return Tables.G.multiply(DOMAIN.getG(), k).normalize();
    }

    /**
     * {@code keccak256("\x19Ethereum Signed Message:\n32" ‖ hash)} (EIP-191 version 0x45).
     *
     * @param hash32 the 32-byte message
     * @return the 32-byte prefixed digest
     */
    public static byte[] eip191Digest(final byte[] hash32) {
        final KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(EIP191_PREFIX, 0, EIP191_PREFIX.length);
        keccak.update(hash32, 0, hash32.length);
        final byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return out;
    }

    /**
     * Signs a digest (no hashing, no prefix).
     *
     * @param digest32 the 32-byte digest
     * @return 65 bytes {@code r(32) ‖ s(32) ‖ v(1)}, v in {27, 28}, low s
     * @throws IllegalArgumentException if the digest is not 32 bytes
     */
    public byte[] signDigest(final byte[] digest32) {
        if (digest32.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        final ECPoint[] last = new ECPoint[1];
        final ECMultiplier fixedBase = Tables.G;
        final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())) {
            @Override
            protected ECMultiplier createBasePointMultiplier() {
                return (p, k) -> {
                    final ECPoint r = fixedBase.multiply(p, k).normalize();
                    last[0] = r;
                    return r;
                };
            }
        };
        signer.init(true, key);
        final BigInteger[] rs = signer.generateSignature(digest32);
        final BigInteger r = rs[0];
        BigInteger s = rs[1];
        final ECPoint point = last[0];
        int recId = (point.getAffineYCoord().testBitZero() ? 1 : 0)
            | (point.getAffineXCoord().toBigInteger().compareTo(N) >= 0 ? 2 : 0);
        if (s.compareTo(HALF_N) > 0) {
            s = N.subtract(s);
            recId ^= 1;
        }
        final byte[] out = new byte[65];
        put32(r, out, 0);
        put32(s, out, 32);
        out[64] = (byte) (27 + recId);
        return out;
    }

    /**
     * Signs {@link #eip191Digest(byte[])} of a 32-byte hash ({@code personal_sign}).
     *
     * @param hash32 the 32-byte hash (e.g. the order args hash)
     * @return 65 bytes {@code r ‖ s ‖ v}
     */
    public byte[] signPrefixed(final byte[] hash32) {
        return signDigest(eip191Digest(hash32));
    }

    static void put32(final BigInteger v, final byte[] out, final int off) {
        final byte[] b = v.toByteArray();
        final int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, off + 32 - len, len);
    }

    @Override
    public String toString() {
        return "Secp256k1Signer{key=***}";
    }
}
