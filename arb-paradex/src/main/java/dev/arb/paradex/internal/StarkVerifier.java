package dev.arb.paradex.internal;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * STARK-curve ECDSA verification with BouncyCastle (signing lives in
 * {@link dev.arb.paradex.internal.crypto.StarkEcdsa}): the public key is an x coordinate and
 * either y is accepted, as Cairo's {@code verify_ecdsa_signature} does.
 *
 * <p>Source: protocol reference §5.4 (curve parameters α=1, β, p, n, G; BouncyCastle's 252-bit
 * truncation of a 32-byte input, undone by the {@code fixMessageLength} shift of a 63-hex-digit
 * hash, as in the official code samples). Used instead of starknet-jvm's JNI
 * {@code StarknetCurve.verify}, which is two orders of magnitude slower on the build machine.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class StarkVerifier {
    /** Field prime p = 2^251 + 17·2^192 + 1. */
    public static final BigInteger P = BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192))
        .add(BigInteger.ONE);
    /** Curve order n. */
    public static final BigInteger N =
        new BigInteger("3618502788666131213697322783095070105526743751716087489154079457884512865583");
    private static final BigInteger BETA =
        new BigInteger("3141592653589793238462643383279502884197169399375105820974944592307816406665");
    private static final ECCurve CURVE = new ECCurve.Fp(P, BigInteger.ONE, BETA, N, BigInteger.ONE);
    private static final ECPoint G = CURVE.createPoint(
        new BigInteger("874739451078007766457464989774322083649278607533249481151382481072868806602"),
        new BigInteger("152666792071518830868575557812948353041420400780739481342941381225525861407"));
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE, G, N);
    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(251);

    private StarkVerifier() {
    }

    /**
     * @param privateKey private key in 1..n-1
     * @return the public key: x coordinate of {@code privateKey·G}
     */
    public static BigInteger publicKey(final BigInteger privateKey) {
        return G.multiply(privateKey).normalize().getAffineXCoord().toBigInteger();
    }

    /**
     * @param publicKeyX  public key (x coordinate)
     * @param messageHash signed hash
     * @param r           signature r
     * @param s           signature s
     * @return {@code true} if the signature is valid for either point with that x
     */
    public static boolean verify(final BigInteger publicKeyX, final BigInteger messageHash, final BigInteger r,
        final BigInteger s) {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0
            || publicKeyX.signum() <= 0 || publicKeyX.compareTo(P) >= 0) {
            return false;
        }
        final byte[] message;
        final ECPoint q;
        try {
            message = encode(messageHash);
            final byte[] compressed = new byte[33];
            compressed[0] = 0x02;
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, publicKeyX), 0, compressed, 1, 32);
            q = CURVE.decodePoint(compressed);
        } catch (final IllegalArgumentException e) {
            return false;
        }
        return verifyWith(q, message, r, s) || verifyWith(q.negate(), message, r, s);
    }

    private static boolean verifyWith(final ECPoint q, final byte[] message, final BigInteger r, final BigInteger s) {
        final ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return verifier.verifySignature(message, r, s);
    }

    /** The hash as BouncyCastle must see it to use exactly its value as e (fixMessageLength, §5.4). */
    private static byte[] encode(final BigInteger hash) {
        if (hash.signum() < 0 || hash.compareTo(MAX_HASH) >= 0) {
            throw new IllegalArgumentException("message hash out of range");
        }
        if (hash.bitLength() > 248) {
            // 63 hex digits: BouncyCastle would shift a 32-byte input right by 4 bits
            return BigIntegers.asUnsignedByteArray(32, hash.shiftLeft(4));
        }
        return BigIntegers.asUnsignedByteArray(hash);
    }
}
