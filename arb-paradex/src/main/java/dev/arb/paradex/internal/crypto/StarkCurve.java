package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;

/**
 * The STARK curve {@code y² = x³ + x + β} over {@link StarkField}: its constants, affine
 * {@link BigInteger} point arithmetic (used only to build tables) and the constant points of the
 * Pedersen hash.
 *
 * <p>Sources: protocol reference §5.4 (α, β, p, n, G) and §5.6 (Pedersen); StarkWare "Pedersen hash
 * function" documentation (shift point P0 and the constant points P1..P4, published with cairo-lang
 * and crypto-cpp).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class StarkCurve {
    static final BigInteger P = StarkField.P;
    static final BigInteger ALPHA = BigInteger.ONE;
    static final BigInteger BETA =
        new BigInteger("3141592653589793238462643383279502884197169399375105820974944592307816406665");
    /** The order n of the generator. */
    static final BigInteger N =
        new BigInteger("3618502788666131213697322783095070105526743751716087489154079457884512865583");
    static final BigInteger[] G = {
        new BigInteger("874739451078007766457464989774322083649278607533249481151382481072868806602"),
        new BigInteger("152666792071518830868575557812948353041420400780739481342941381225525861407")};
    /** Pedersen shift point P0; P1 multiplies a_low, P2 a_high, P3 b_low, P4 b_high. */
    static final BigInteger[] PEDERSEN_P0 = point("49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804",
        "3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a");
    static final BigInteger[] PEDERSEN_P1 = point("234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b",
        "3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615");
    static final BigInteger[] PEDERSEN_P2 = point("4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378",
        "3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d");
    static final BigInteger[] PEDERSEN_P3 = point("4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997",
        "40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c");
    static final BigInteger[] PEDERSEN_P4 = point("54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202",
        "1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426");

    private StarkCurve() {
    }

    private static BigInteger[] point(final String x, final String y) {
        return new BigInteger[] {new BigInteger(x, 16), new BigInteger(y, 16)};
    }

    /** @return whether the affine point satisfies the curve equation */
    static boolean isOnCurve(final BigInteger[] pt) {
        final BigInteger x = pt[0];
        final BigInteger y = pt[1];
        return y.multiply(y).mod(P).equals(x.pow(3).add(ALPHA.multiply(x)).add(BETA).mod(P));
    }

    /**
     * Affine addition; {@code null} is the point at infinity.
     *
     * @return a + b
     */
    static BigInteger[] add(final BigInteger[] a, final BigInteger[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a[0].equals(b[0])) {
            return a[1].equals(b[1]) && a[1].signum() != 0 ? twice(a) : null;
        }
        final BigInteger lambda = b[1].subtract(a[1]).multiply(b[0].subtract(a[0]).modInverse(P)).mod(P);
        final BigInteger x = lambda.multiply(lambda).subtract(a[0]).subtract(b[0]).mod(P);
        final BigInteger y = lambda.multiply(a[0].subtract(x)).subtract(a[1]).mod(P);
        return new BigInteger[] {x, y};
    }

    /** @return 2·a (affine) */
    static BigInteger[] twice(final BigInteger[] a) {
        if (a == null || a[1].signum() == 0) {
            return null;
        }
        final BigInteger lambda = a[0].multiply(a[0]).multiply(BigInteger.valueOf(3)).add(ALPHA)
            .multiply(a[1].shiftLeft(1).modInverse(P)).mod(P);
        final BigInteger x = lambda.multiply(lambda).subtract(a[0].shiftLeft(1)).mod(P);
        final BigInteger y = lambda.multiply(a[0].subtract(x)).subtract(a[1]).mod(P);
        return new BigInteger[] {x, y};
    }

    /** @return k·a by double-and-add (slow; for tables and tests) */
    static BigInteger[] multiply(final BigInteger[] a, final BigInteger k) {
        BigInteger[] acc = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = twice(acc);
            if (k.testBit(i)) {
                acc = add(acc, a);
            }
        }
        return acc;
    }
}
