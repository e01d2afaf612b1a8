package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ParadexPresigningTest {
    private static final String CHAIN = "PRIVATE_SN_POTC_SEPOLIA";
    private static final String ACCOUNT = "0x129d5f9bd5e4fd3e5bd63a5ec21e5ea25ab2ddc0e9b4b1d4c21c49a0a86a0e";
    private static final Secret KEY = Secret.of("0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3cc");

    @Test
    void shouldSignAnExpectedOrderFromItsPrecomputedHashAndAnUnexpectedOneAtNow() throws Exception {
        final ParadexSigner signer = ParadexSigner.presigningUnstarted(CHAIN, ACCOUNT, KEY, 8);
        final ParadexSigner reference = new ParadexSigner(CHAIN, ACCOUNT, KEY);
        signer.expectOrder("BTC-USD-PERP", Side.BUY, OrderType.LIMIT, 10_000_000L, new long[] {6_500_050_000_000L});
        for (int i = 0; i < 20 && signer.presignAgent().doWork() > 0; i++) {
            // fill the nonce pool and the expected order's hash
        }
        final long now = System.currentTimeMillis() + 10;
        final ParadexOrderSignature hit = signer.signOrderNow(now, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1",
            "65000.5");
        assertThat(hit.signatureTimestampMs()).isLessThan(now);
        assertThat(hit.signature().messageHashHex()).isEqualTo(reference.signOrder(hit.signatureTimestampMs(),
            "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5").messageHashHex());
        assertThat(ParadexSigner.verify(signer.publicKey(), hit.signature().messageHashHex(), hit.signature().r(),
            hit.signature().s())).isTrue();
        final ParadexOrderSignature miss = signer.signOrderNow(now, "BTC-USD-PERP", Side.SELL, OrderType.LIMIT, "0.1",
            "65000.5");
        assertThat(miss.signatureTimestampMs()).isEqualTo(now);
        assertThat(ParadexSigner.verify(signer.publicKey(), miss.signature().messageHashHex(), miss.signature().r(),
            miss.signature().s())).isTrue();
        assertThat(signer.prehashHits()).isEqualTo(1);
        assertThat(signer.prehashMisses()).isEqualTo(1);
        assertThat(signer.pooledSignatures()).isEqualTo(2);
        assertThat(signer.fallbackSignatures()).isZero();
        assertThat(signer.toString()).doesNotContain(KEY.reveal().substring(2));
    }

    @Test
    void shouldKeepOneExpectedOrderOfEachSideHashedSoAnEntryAndItsExitBothHit() throws Exception {
        final ParadexSigner signer = ParadexSigner.presigningUnstarted(CHAIN, ACCOUNT, KEY, 8);
        final ParadexSigner reference = new ParadexSigner(CHAIN, ACCOUNT, KEY);
        final long step = 1_000_000_000L; // 10 USD at scale 8
        signer.expectOrder("BTC-USD-PERP", Side.SELL, OrderType.LIMIT, 10_000_000L,
            ParadexOrderEncoder.candidatePrices(6_490_000_000_000L, step));
        signer.expectOrder("BTC-USD-PERP", Side.BUY, OrderType.LIMIT, 10_000_000L,
            ParadexOrderEncoder.candidatePrices(6_510_000_000_000L, step));
        for (int i = 0; i < 100 && signer.presignAgent().doWork() > 0; i++) {
            // fill the nonce pool and both sides' hashes
        }
        final long now = System.currentTimeMillis() + 10;
        final ParadexOrderSignature sell = signer.signOrderNow(now, "BTC-USD-PERP", Side.SELL, OrderType.LIMIT, "0.1",
            "64910"); // one step above the likeliest price
        final ParadexOrderSignature buy = signer.signOrderNow(now, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1",
            "65080"); // two steps below
        assertThat(signer.prehashHits()).isEqualTo(2);
        assertThat(signer.prehashMisses()).isZero();
        assertThat(sell.signature().messageHashHex()).isEqualTo(reference.signOrder(sell.signatureTimestampMs(),
            "BTC-USD-PERP", Side.SELL, OrderType.LIMIT, "0.1", "64910").messageHashHex());
        assertThat(buy.signature().messageHashHex()).isEqualTo(reference.signOrder(buy.signatureTimestampMs(),
            "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65080").messageHashHex());
        final ParadexOrderSignature outside = signer.signOrderNow(now, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT,
            "0.1", "65140"); // three steps above: not hashed ahead
        assertThat(outside.signatureTimestampMs()).isEqualTo(now);
        assertThat(signer.prehashMisses()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheDeterministicSignerByteForByteAndRefillOnItsThread() {
        final ParadexSigner signer = ParadexSigner.presigning(CHAIN, ACCOUNT, KEY);
        try {
            final ParadexSigner reference = new ParadexSigner(CHAIN, ACCOUNT, KEY);
            assertThat(reference.isPresigning()).isFalse();
            assertThat(reference.signOrderNow(1_000L, "ETH-USD-PERP", Side.SELL, OrderType.LIMIT, "1", "3500"))
                .isEqualTo(new ParadexOrderSignature(1_000L,
                    reference.signOrder(1_000L, "ETH-USD-PERP", Side.SELL, OrderType.LIMIT, "1", "3500")));
            signer.expectOrder("ETH-USD-PERP", Side.SELL, OrderType.LIMIT, 100_000_000L, new long[] {350_000_000_000L});
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                final ParadexOrderSignature s = signer.signOrderNow(System.currentTimeMillis(), "ETH-USD-PERP",
                    Side.SELL, OrderType.LIMIT, "1", "3500");
                return signer.prehashHits() > 0 && signer.pooledSignatures() > 0
                    && ParadexSigner.verify(signer.publicKey(), s.signature().messageHashHex(), s.signature().r(),
                        s.signature().s());
            });
        } finally {
            signer.close();
        }
    }
}
