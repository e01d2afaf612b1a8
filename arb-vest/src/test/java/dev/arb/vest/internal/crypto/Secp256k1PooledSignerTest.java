package dev.arb.vest.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class Secp256k1PooledSignerTest {
    private static final BigInteger KEY =
        Numeric.toBigInt("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    @Test
    void shouldSignFiveThousandDigestsThatWeb3jRecoversWithNoNonceUsedTwice() throws Exception {
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(64);
        final Secp256k1PooledSigner signer = new Secp256k1PooledSigner(KEY, pool);
        final BigInteger publicKey = ECKeyPair.create(KEY).getPublicKey();
        final SplittableRandom rnd = new SplittableRandom(14);
        final Set<String> rs = new HashSet<>();
        int highS = 0;
        for (int i = 0; i < 5000; i++) {
            if (pool.available() == 0) {
                pool.doWork();
            }
            final byte[] digest = new byte[32];
            rnd.nextBytes(digest);
            final byte[] sig = signer.signDigest(digest);
            final BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            assertThat(s).isLessThanOrEqualTo(Secp256k1Signer.HALF_N);
            assertThat(sig[64]).isIn((byte) 27, (byte) 28);
            highS += sig[64] - 27;
            final Sign.SignatureData data = new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32),
                Arrays.copyOfRange(sig, 32, 64));
            assertThat(Sign.signedMessageHashToKey(digest, data)).isEqualTo(publicKey);
            assertThat(rs.add(Numeric.toHexString(Arrays.copyOfRange(sig, 0, 32)))).as("r of signature %d", i).isTrue();
        }
        assertThat(signer.pooledCount()).isEqualTo(5000);
        assertThat(signer.fallbackCount()).isZero();
        assertThat(pool.filledCount()).isEqualTo(5000);
        assertThat(highS).isBetween(2000, 3000); // both recovery ids occur
    }

    @Test
    void shouldWipeAnEntryOnceUsed() {
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(2);
        assertThat(pool.doWork()).isEqualTo(2);
        final Secp256k1Nonce nonce = pool.take();
        assertThat(nonce.isWiped()).isFalse();
        final byte[] out = new byte[65];
        assertThat(new Secp256k1PooledSigner(KEY, pool).sign(nonce, new byte[32], out)).isTrue();
        pool.release(nonce);
        assertThat(nonce.isWiped()).isTrue();
        assertThat(nonce.toString()).isEqualTo("Secp256k1Nonce{***}");
        pool.close();
        assertThat(pool.available()).isZero();
    }

    @Test
    void shouldFallBackToTheDeterministicSignatureWhenThePoolIsEmpty() {
        final Secp256k1PooledSigner signer = new Secp256k1PooledSigner(KEY, new Secp256k1NoncePool(4));
        final byte[] digest = Numeric.hexStringToByteArray(
            "0x3b8c3e1bfbc3d2f1a1a9f3c0e2d4b6a8c0e2f4a6b8d0e2f4a6b8c0d2e4f6a8b0");
        assertThat(signer.signDigest(digest)).isEqualTo(new Secp256k1Signer(KEY).signDigest(digest));
        assertThat(signer.fallbackCount()).isEqualTo(1);
        assertThat(signer.pooledCount()).isZero();
    }

    @Test
    void shouldRefillOnItsOwnThreadAfterSignaturesDrainIt() {
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(16);
        pool.start("test-nonce-pool");
        try {
            final Secp256k1PooledSigner signer = new Secp256k1PooledSigner(KEY, pool);
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 16);
            for (int i = 0; i < 16; i++) {
                signer.signDigest(new byte[32]);
            }
            assertThat(signer.pooledCount()).isEqualTo(16);
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 16);
            assertThat(pool.filledCount()).isEqualTo(32);
        } finally {
            pool.close();
        }
    }

    @Test
    void shouldHashOrdersWithCachedStaticArgumentsAsAFreshEncoderDoes() {
        final OrderArgsEncoder cached = new OrderArgsEncoder();
        final SplittableRandom rnd = new SplittableRandom(2);
        final String[] symbols = {"BTC-PERP", "ETH-PERP"};
        final String[] sizes = {"1.0000", "0.0125"};
        final String[] prices = {"50000.00", "9.5", "123456789012345678901234567890123.5"};
        final byte[] a = new byte[32];
        final byte[] b = new byte[32];
        for (int i = 0; i < 500; i++) {
            final long time = 1_762_097_336_031L + i;
            final String symbol = symbols[rnd.nextInt(2)];
            final boolean buy = rnd.nextBoolean();
            final String size = sizes[rnd.nextInt(2)];
            final String price = prices[rnd.nextInt(3)];
            if (rnd.nextInt(10) == 0) {
                cached.cancelArgsHash(time, i, "order-" + i, a);
            }
            cached.orderArgsHash(time, i, "LIMIT", symbol, buy, size, price, false, a);
            new OrderArgsEncoder().orderArgsHash(time, i, "LIMIT", symbol, buy, size, price, false, b);
            assertThat(a).as("order %d", i).isEqualTo(b);
        }
    }
}
