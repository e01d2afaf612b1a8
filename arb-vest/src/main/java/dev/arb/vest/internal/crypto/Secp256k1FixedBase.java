package dev.arb.vest.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Windowed fixed-base multiplication of the secp256k1 generator: 32 windows of 8 bits, each holding
 * the 255 normalised (affine) multiples {@code d·2^(8w)·G}, so that {@code k·G} is at most 32 mixed
 * additions on BouncyCastle's custom secp256k1 field and no doubling (BouncyCastle's comb does about
 * 43 doublings and 43 additions). The table (about 8,000 points, ~1.5 MB) is built once, lazily, by
 * class initialisation (thread-safe).
 *
 * <p>Not constant-time: zero digits are skipped.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class Secp256k1FixedBase implements ECMultiplier {
    private static final int WIDTH = 8;
    private static final int WINDOWS = 32;
    private static final int MASK = (1 << WIDTH) - 1;

    private final ECPoint[] table;

    /** @param g the generator of the curve (its table is built here) */
    Secp256k1FixedBase(final ECPoint g) {
        final ECCurve curve = g.getCurve();
        table = new ECPoint[WINDOWS * MASK];
        ECPoint base = g.normalize();
        for (int w = 0; w < WINDOWS; w++) {
            final ECPoint[] window = new ECPoint[MASK];
            ECPoint multiple = base;
            for (int d = 0; d < MASK; d++) {
                window[d] = multiple;
                multiple = multiple.add(base);
            }
            curve.normalizeAll(window);
            System.arraycopy(window, 0, table, w * MASK, MASK);
            base = multiple.normalize(); // 256 · base
        }
    }

    @Override
    public ECPoint multiply(final ECPoint p, final BigInteger k) {
        final byte[] bytes = k.toByteArray(); // big-endian, maybe with a sign byte
        ECPoint acc = p.getCurve().getInfinity();
        for (int w = 0; w < WINDOWS; w++) {
            final int index = bytes.length - 1 - w;
            if (index < 0) {
                break;
            }
            final int d = bytes[index] & 0xFF;
            if (d != 0) {
                acc = acc.add(table[w * MASK + d - 1]);
            }
        }
        return acc;
    }
}
