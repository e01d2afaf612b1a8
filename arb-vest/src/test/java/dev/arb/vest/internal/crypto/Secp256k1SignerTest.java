package dev.arb.vest.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.vest.internal.VestAbi;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class Secp256k1SignerTest {
    private static JsonNode cases() throws Exception {
        try (InputStream in = Secp256k1SignerTest.class.getResourceAsStream("/vest/vest.json")) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static String hex(final byte[] b) {
        return Numeric.toHexString(b);
    }

    @Test
    void shouldReproduceEveryOrderAndCancelVectorExactly() throws Exception {
        final OrderArgsEncoder enc = new OrderArgsEncoder();
        final byte[] hash = new byte[32];
        int n = 0;
        for (final JsonNode c : cases()) {
            final String kind = c.get("kind").asText();
            if (kind.equals("order")) {
                final JsonNode o = c.get("order");
                enc.orderArgsHash(o.get("time").asLong(), o.get("nonce").asLong(), o.get("orderType").asText(),
                    o.get("symbol").asText(), o.get("isBuy").asBoolean(), o.get("size").asText(),
                    o.get("limitPrice").asText(), o.get("reduceOnly").asBoolean(), hash);
            } else if (kind.equals("cancel")) {
                final JsonNode o = c.get("cancel");
                enc.cancelArgsHash(o.get("time").asLong(), o.get("nonce").asLong(), o.get("id").asText(), hash);
            } else {
                final Secp256k1Signer primary = new Secp256k1Signer(Numeric.toBigInt(c.get("primaryPrivateKey").asText()));
                assertThat(hex(primary.signDigest(Numeric.hexStringToByteArray(c.get("digest").asText()))))
                    .isEqualTo(c.get("signature").asText());
                n++;
                continue;
            }
            assertThat(hex(hash)).isEqualTo(c.get("argsHash").asText());
            final Secp256k1Signer signer = new Secp256k1Signer(Numeric.toBigInt(c.get("signingPrivateKey").asText()));
            assertThat(hex(signer.signPrefixed(hash))).isEqualTo(c.get("signature").asText());
            n++;
        }
        assertThat(n).isEqualTo(4);
    }

    @Test
    void shouldMatchWeb3jOnRandomKeysAndDigestsIncludingTheRecoveryId() {
        final SplittableRandom rnd = new SplittableRandom(3);
        int odd = 0;
        for (int i = 0; i < 300; i++) {
            final byte[] k = new byte[32];
            final byte[] d = new byte[32];
            for (int j = 0; j < 32; j++) {
                k[j] = (byte) rnd.nextInt();
                d[j] = (byte) rnd.nextInt();
            }
            final BigInteger key = new BigInteger(1, k);
            final Sign.SignatureData expected = Sign.signMessage(d, ECKeyPair.create(key), false);
            final byte[] sig = new Secp256k1Signer(key).signDigest(d);
            assertThat(java.util.Arrays.copyOfRange(sig, 0, 32)).isEqualTo(expected.getR());
            assertThat(java.util.Arrays.copyOfRange(sig, 32, 64)).isEqualTo(expected.getS());
            assertThat(sig[64]).isEqualTo(expected.getV()[0]);
            odd += sig[64] == 28 ? 1 : 0;
        }
        assertThat(odd).isBetween(50, 250); // both recovery ids exercised
    }

    @Test
    void shouldEncodeLikeWeb3jOnRandomOrders() {
        final SplittableRandom rnd = new SplittableRandom(9);
        final OrderArgsEncoder enc = new OrderArgsEncoder();
        final byte[] hash = new byte[32];
        final String[] symbols = {"BTC-PERP", "ETH-PERP", "A-VERY-LONG-SYMBOL-NAME-THAT-SPANS-MORE-THAN-32-BYTES-PERP", ""};
        for (int i = 0; i < 200; i++) {
            final long time = rnd.nextLong(Long.MAX_VALUE);
            final long nonce = rnd.nextLong(Long.MAX_VALUE);
            final String type = rnd.nextBoolean() ? "LIMIT" : "MARKET";
            final String symbol = symbols[rnd.nextInt(symbols.length)];
            final String size = rnd.nextInt(100) + "." + rnd.nextInt(10_000);
            final String price = rnd.nextInt(100_000) + ".00";
            final boolean buy = rnd.nextBoolean();
            final boolean reduce = rnd.nextBoolean();
            enc.orderArgsHash(time, nonce, type, symbol, buy, size, price, reduce, hash);
            assertThat(hash).isEqualTo(VestAbi.orderArgsHash(time, nonce, type, symbol, buy, size, price, reduce));
            enc.cancelArgsHash(time, nonce, symbol + i, hash);
            assertThat(hash).isEqualTo(VestAbi.cancelArgsHash(time, nonce, symbol + i));
        }
        enc.orderArgsHash(1, 2, "LIMIT", "ÉTH-PERP", true, "1", "2", false, hash);
        assertThat(hash).isEqualTo(VestAbi.orderArgsHash(1, 2, "LIMIT", "ÉTH-PERP", true, "1", "2", false));
    }

    @Test
    void shouldRejectOutOfRangeKeysAndShortDigestsWithoutRevealingTheKey() {
        assertThatThrownBy(() -> new Secp256k1Signer(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        final Secp256k1Signer s = new Secp256k1Signer(BigInteger.valueOf(123456789));
        assertThat(s.toString()).doesNotContain("123456789").doesNotContain("75bcd15");
        assertThatThrownBy(() -> s.signDigest(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderArgsEncoder().orderArgsHash(-1, 0, "LIMIT", "B", true, "1", "1", false,
            new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }
}
