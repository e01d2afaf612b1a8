package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.paradex.internal.StarkVerifier;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StarkPooledSignerTest {
    private static final BigInteger KEY = new BigInteger("3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3cc", 16);
    private static final BigInteger MAX_R = BigInteger.ONE.shiftLeft(251);

    @Test
    void shouldSignFiveThousandHashesWithDistinctNoncesThatTheVerifierAccepts() {
        final StarkNoncePool pool = new StarkNoncePool(64);
        final StarkPooledSigner signer = new StarkPooledSigner(KEY, pool);
        final BigInteger publicKey = StarkEcdsa.publicKey(KEY);
        final SplittableRandom rnd = new SplittableRandom(14);
        final Set<BigInteger> rs = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            if (pool.available() == 0) {
                pool.doWork();
            }
            final byte[] h = new byte[32];
            rnd.nextBytes(h);
            final BigInteger hash = new BigInteger(1, h).shiftRight(5 + rnd.nextInt(8)); // below 2^251 (the verifier's range), short ones too
            final BigInteger[] sig = signer.sign(hash);
            assertThat(sig[0]).isPositive().isLessThan(MAX_R);
            assertThat(sig[1]).isPositive().isLessThan(StarkCurve.N);
            if (i % 2 == 0) { // BouncyCastle verification costs 2-4 ms here: every second signature, 2,500 in all
                assertThat(StarkVerifier.verify(publicKey, hash, sig[0], sig[1])).as("signature %d", i).isTrue();
            }
            assertThat(rs.add(sig[0])).as("r of signature %d", i).isTrue();
        }
        assertThat(signer.pooledCount()).isEqualTo(5000);
        assertThat(signer.fallbackCount()).isZero();
        assertThat(pool.filledCount()).isEqualTo(5000);
    }

    @Test
    void shouldWipeAnEntryOnceUsed() {
        final StarkNoncePool pool = new StarkNoncePool(2);
        assertThat(pool.doWork()).isEqualTo(2);
        final StarkNonce nonce = pool.take();
        assertThat(nonce.isWiped()).isFalse();
        assertThat(new StarkPooledSigner(KEY, pool).sign(nonce, BigInteger.TEN)).isNotNull();
        pool.release(nonce);
        assertThat(nonce.isWiped()).isTrue();
        assertThat(nonce.toString()).isEqualTo("StarkNonce{***}");
        pool.onClose();
        assertThat(pool.available()).isZero();
    }

    @Test
    void shouldFallBackToTheDeterministicSignatureWhenThePoolIsEmpty() {
        final StarkPooledSigner signer = new StarkPooledSigner(KEY, new StarkNoncePool(4));
        final BigInteger hash = new BigInteger("6b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f", 16);
        assertThat(signer.sign(hash)).containsExactly(StarkEcdsa.sign(KEY, hash));
        assertThat(signer.fallbackCount()).isEqualTo(1);
    }
}
