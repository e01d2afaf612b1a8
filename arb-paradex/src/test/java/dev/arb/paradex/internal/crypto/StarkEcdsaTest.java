package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swmansion.starknet.crypto.StarknetCurve;
import com.swmansion.starknet.data.types.Felt;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StarkEcdsaTest {
    private static BigInteger hex(final String h) {
        return new BigInteger(h.startsWith("0x") ? h.substring(2) : h, 16);
    }

    private static JsonNode vectors() throws Exception {
        try (InputStream in = StarkEcdsaTest.class.getResourceAsStream("/paradex/paradex.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void shouldReproduceEveryReferenceSignatureExactly() throws Exception {
        final JsonNode ref = vectors().get("reference");
        final BigInteger key = hex(ref.get("privateKey").asText());
        int n = 0;
        for (final JsonNode c : ref.get("cases")) {
            final BigInteger[] rs = StarkEcdsa.sign(key, hex(c.get("messageHash").asText()));
            assertThat(rs[0]).as(c.get("name").asText()).isEqualTo(new BigInteger(c.get("signature").get(0).asText()));
            assertThat(rs[1]).as(c.get("name").asText()).isEqualTo(new BigInteger(c.get("signature").get(1).asText()));
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldDerivePublishedPublicKeys() throws Exception {
        final JsonNode v = vectors();
        assertThat(StarkEcdsa.publicKey(hex(v.get("reference").get("privateKey").asText())))
            .isEqualTo(hex(v.get("reference").get("publicKey").asText()));
        for (final JsonNode p : v.get("published")) {
            if (p.get("kind").asText().equals("keypair")) {
                assertThat(StarkEcdsa.publicKey(hex(p.get("privateKey").asText())))
                    .isEqualTo(hex(p.get("publicKey").asText()));
            }
        }
    }

    @Test
    void shouldProduceSignaturesThatStarknetJvmVerifies() {
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 50; i++) {
            final BigInteger key = new BigInteger(251, new java.util.Random(rnd.nextLong())).add(BigInteger.ONE);
            final BigInteger hash = new BigInteger(rnd.nextInt(2) == 0 ? 251 : 200, new java.util.Random(rnd.nextLong()));
            final BigInteger[] rs = StarkEcdsa.sign(key, hash);
            final BigInteger pub = StarkEcdsa.publicKey(key);
            assertThat(pub).isEqualTo(StarknetCurve.getPublicKey(new Felt(key)).getValue());
            assertThat(StarknetCurve.verify(new Felt(pub), new Felt(hash), new Felt(rs[0]), new Felt(rs[1]))).isTrue();
        }
    }
}
