package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;

/**
 * STARK-curve ECDSA with RFC 6979 deterministic nonces, byte-identical to starknet.js
 * {@code ec.starkCurve.sign} and to the BouncyCastle signers of the public Java SDKs: BouncyCastle's
 * {@link ECDSASigner} with {@code HMacDSAKCalculator(SHA-256)} over the minimal big-endian bytes of
 * the hash, after the {@code fixMessageLength} pre-shift (a hash of exactly 63 hex digits is shifted
 * left by 4 bits, because BouncyCastle truncates a 32-byte input to the 252 bits of n). Only the
 * base-point multiplication {@code k·G} is replaced, by an 8-bit windowed fixed-base table
 * ({@link FixedBaseTable}, 32 mixed additions, built lazily once).
 *
 * <p>Sources: protocol reference §5.4; RFC 6979; paradex-java-sdk and Paradex code samples
 * ({@code StarknetCurve.fixMessageLength}).
 *
 * <p>Not constant-time: the multiplication skips zero digits of the nonce; acceptable for a signer
 * whose timing is not observable by an attacker, not for a shared host.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class StarkEcdsa {
    private static final ECCurve CURVE = new ECCurve.Fp(StarkCurve.P, StarkCurve.ALPHA, StarkCurve.BETA, StarkCurve.N,
        BigInteger.ONE);
    private static final ECPoint G = CURVE.createPoint(StarkCurve.G[0], StarkCurve.G[1]);
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE, G, StarkCurve.N);
    private static final ECMultiplier FIXED_BASE = (point, k) -> {
        final long[] x = new long[4];
        final long[] y = new long[4];
        multiplyG(k, x, y);
        return CURVE.createPoint(StarkField.toBig(x), StarkField.toBig(y));
    };

    private StarkEcdsa() {
    }

    private static final class Tables {
        static final FixedBaseTable G = new FixedBaseTable(StarkCurve.G, 8, 252);
    }

    /** Builds the generator table now instead of on the first signature (about 0.1 s). */
    public static void warmUp() {
        publicKey(BigInteger.ONE);
    }

    /**
     * @param privateKey a private key in {@code 1..n-1}
     * @return the public key: the x coordinate of {@code privateKey·G}
     * @throws IllegalArgumentException if the key is outside {@code 1..n-1}
     */
    public static BigInteger publicKey(final BigInteger privateKey) {
        checkKey(privateKey);
        final long[] x = new long[4];
        multiplyG(privateKey, x, null);
        return StarkField.toBig(x);
    }

    /**
     * Signs a message hash (a felt below 2^252).
     *
     * @param privateKey  private key in {@code 1..n-1}
     * @param messageHash the hash, {@code 0 <= hash < 2^252}
     * @return {@code {r, s}}
     * @throws IllegalArgumentException if the key or hash is out of range
     */
    public static BigInteger[] sign(final BigInteger privateKey, final BigInteger messageHash) {
        checkKey(privateKey);
        if (messageHash.signum() < 0 || messageHash.bitLength() > 252) {
            throw new IllegalArgumentException("message hash must be below 2^252");
        }
        final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())) {
            @Override
            protected ECMultiplier createBasePointMultiplier() {
                return FIXED_BASE;
            }
        };
        signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
        return signer.generateSignature(messageBytes(messageHash));
    }

    /** The hash as AJ/CS pass it to BouncyCastle: fixMessageLength, then minimal unsigned bytes. */
    private static byte[] messageBytes(final BigInteger hash) {
        final int hexDigits = hash.signum() == 0 ? 1 : (hash.bitLength() + 3) / 4;
        final BigInteger fixed = hexDigits == 63 ? hash.shiftLeft(4) : hash;
        final byte[] signed = fixed.toByteArray();
        if (signed[0] != 0 || signed.length == 1) {
            return signed;
        }
        return java.util.Arrays.copyOfRange(signed, 1, signed.length);
    }

    private static void checkKey(final BigInteger key) {
        if (key.signum() <= 0 || key.compareTo(StarkCurve.N) >= 0) {
            throw new IllegalArgumentException("private key outside 1..n-1 of the STARK curve");
        }
    }

    /** (x, y) = k·G, standard form; k in 1..n-1. */
    static void multiplyG(final BigInteger k, final long[] x, final long[] y) {
        final JacobianAccumulator acc = new JacobianAccumulator();
        Tables.G.addMultiple(acc, StarkField.fromBig(k), 0);
        acc.toAffine(x, y);
    }
}
