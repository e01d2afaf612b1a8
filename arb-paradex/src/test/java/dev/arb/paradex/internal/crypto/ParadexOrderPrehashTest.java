package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParadexOrderPrehashTest {
    private static final BigInteger ACCOUNT = new BigInteger("129d5f9bd5e4fd3e5bd63a5ec21e5ea25ab2ddc0e9b4b1d4c21c49a0a86a0e", 16);
    private final ParadexOrderHasher hasher = new ParadexOrderHasher(ParadexOrderHasher.shortString("PRIVATE_SN_POTC_SEPOLIA"),
        ACCOUNT);
    private final AtomicLong clock = new AtomicLong(1_762_097_336_031L);
    private final ParadexOrderPrehash prehash = new ParadexOrderPrehash(hasher, clock::get);
    private final BigInteger[] out = new BigInteger[1];

    private void settle() {
        for (int i = 0; i < 100 && prehash.doWork() > 0; i++) {
            // hash until every candidate is ready
        }
    }

    @Test
    void shouldHandOutTheHashOfTheExpectedOrderOnceAtItsChosenTimestamp() {
        prehash.expect("BTC-USD-PERP", true, "LIMIT", 10_000_000L, new long[] {6_500_050_000_000L, 6_500_060_000_000L});
        settle();
        assertThat(prehash.readyCount()).isEqualTo(2);
        final long chosen = clock.get();
        clock.addAndGet(1500);
        final long ts = prehash.take("BTC-USD-PERP", true, "LIMIT", 10_000_000L, 6_500_060_000_000L, clock.get(), out);
        assertThat(ts).isEqualTo(chosen);
        assertThat(out[0]).isEqualTo(hasher.orderMessageHash(ts, "BTC-USD-PERP", true, "LIMIT", 10_000_000L,
            6_500_060_000_000L));
        assertThat(prehash.take("BTC-USD-PERP", true, "LIMIT", 10_000_000L, 6_500_060_000_000L, clock.get(), out))
            .as("single use").isEqualTo(-1);
        assertThat(prehash.take("BTC-USD-PERP", false, "LIMIT", 10_000_000L, 6_500_050_000_000L, clock.get(), out))
            .as("other side").isEqualTo(-1);
        settle(); // a used hash rolls the timestamp: no two orders carry the same message
        final long again = prehash.take("BTC-USD-PERP", true, "LIMIT", 10_000_000L, 6_500_060_000_000L, clock.get(), out);
        assertThat(again).isEqualTo(clock.get());
        assertThat(out[0]).isEqualTo(hasher.orderMessageHash(again, "BTC-USD-PERP", true, "LIMIT", 10_000_000L,
            6_500_060_000_000L));
    }

    @Test
    void shouldRefreshAnAgingChainAndNeverHandOutAStaleHash() {
        prehash.expect("ETH-USD-PERP", false, "LIMIT", 5_000_000L, new long[] {350_000_000_000L});
        settle();
        final long chosen = clock.get();
        clock.addAndGet(ParadexOrderPrehash.MAX_AGE_MS);
        assertThat(prehash.take("ETH-USD-PERP", false, "LIMIT", 5_000_000L, 350_000_000_000L, clock.get(), out))
            .isEqualTo(-1);
        settle();
        assertThat(prehash.take("ETH-USD-PERP", false, "LIMIT", 5_000_000L, 350_000_000_000L, clock.get(), out))
            .isEqualTo(chosen + ParadexOrderPrehash.MAX_AGE_MS);
    }

    @Test
    void shouldKeepReadyPricesWhenOnlyTheCandidatesMove() {
        prehash.expect("BTC-USD-PERP", true, "LIMIT", 10_000_000L, new long[] {100, 200});
        settle();
        prehash.expect("BTC-USD-PERP", true, "LIMIT", 10_000_000L, new long[] {200, 300});
        assertThat(prehash.doWork()).isEqualTo(1); // drops 100, keeps 200
        assertThat(prehash.readyCount()).isEqualTo(1);
        settle();
        assertThat(prehash.readyCount()).isEqualTo(2);
        assertThat(prehash.take("BTC-USD-PERP", true, "LIMIT", 10_000_000L, 100, clock.get(), out)).isEqualTo(-1);
        assertThat(prehash.take("BTC-USD-PERP", true, "LIMIT", 10_000_000L, 300, clock.get(), out)).isPositive();
    }
}
