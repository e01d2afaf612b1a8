package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.Secret;
import dev.arb.vest.internal.crypto.Secp256k1NoncePool;
import org.junit.jupiter.api.Test;

class VestPresigningTest {
    private static final Secret KEY = Secret.of("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    @Test
    void shouldSignOrdersThatRecoverToTheSignerAndFallBackWhenThePoolIsEmpty() {
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(4);
        final VestSigner signer = VestSigner.withPool(KEY, pool);
        final VestSigner reference = VestSigner.fromPrivateKey(KEY);
        assertThat(signer.isPresigning()).isTrue();
        assertThat(reference.isPresigning()).isFalse();
        final VestSignature empty = signer.signOrder(1_762_097_336_031L, 7, "LIMIT", "BTC-PERP", true, "1.0000",
            "50000.00", false);
        assertThat(empty).isEqualTo(reference.signOrder(1_762_097_336_031L, 7, "LIMIT", "BTC-PERP", true, "1.0000",
            "50000.00", false));
        assertThat(signer.fallbackSignatures()).isEqualTo(1);
        pool.doWork();
        for (int i = 0; i < 4; i++) {
            final VestSignature sig = signer.signOrder(1_762_097_336_032L + i, 8 + i, "LIMIT", "BTC-PERP", true,
                "1.0000", "50000.0" + i, false);
            assertThat(VestSigner.recoverOrderSigner(sig.hashHex(), sig.signatureHex())).isEqualTo(signer.address());
        }
        assertThat(signer.pooledSignatures()).isEqualTo(4);
        signer.close();
    }
}
