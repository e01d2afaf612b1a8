package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.Secret;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class VestSignerVectorsTest {
    private static List<JsonNode> cases(final String kind) throws Exception {
        try (InputStream in = VestSignerVectorsTest.class.getResourceAsStream("/vest/vest.json")) {
            final JsonNode root = new ObjectMapper().readTree(in);
            final List<JsonNode> out = new ArrayList<>();
            root.get("cases").forEach(c -> {
                if (c.get("kind").asText().equals(kind)) {
                    out.add(c);
                }
            });
            assertThat(out).isNotEmpty();
            return out;
        }
    }

    @Test
    void shouldReproduceEveryOrderVector() throws Exception {
        for (final JsonNode c : cases("order")) {
            final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(c.get("signingPrivateKey").asText()));
            final JsonNode o = c.get("order");
            final VestSignature sig = signer.signOrder(o.get("time").asLong(), o.get("nonce").asLong(),
                o.get("orderType").asText(), o.get("symbol").asText(), o.get("isBuy").asBoolean(),
                o.get("size").asText(), o.get("limitPrice").asText(), o.get("reduceOnly").asBoolean());
            assertThat(sig.hashHex()).isEqualTo(c.get("argsHash").asText());
            assertThat(sig.signatureHex()).isEqualTo(c.get("signature").asText());
            assertThat(signer.address()).isEqualTo(c.get("signingAddress").asText().toLowerCase(Locale.ROOT));
            assertThat(VestSigner.recoverOrderSigner(sig.hashHex(), sig.signatureHex())).isEqualTo(signer.address());
        }
    }

    @Test
    void shouldReproduceEveryCancelVector() throws Exception {
        for (final JsonNode c : cases("cancel")) {
            final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(c.get("signingPrivateKey").asText()));
            final JsonNode o = c.get("cancel");
            final VestSignature sig = signer.signCancel(o.get("time").asLong(), o.get("nonce").asLong(),
                o.get("id").asText());
            assertThat(sig.hashHex()).isEqualTo(c.get("argsHash").asText());
            assertThat(sig.signatureHex()).isEqualTo(c.get("signature").asText());
        }
    }

    @Test
    void shouldReproduceEveryRegistrationVector() throws Exception {
        for (final JsonNode c : cases("register")) {
            final VestSignature sig = VestSigner.signRegistration(Secret.of(c.get("primaryPrivateKey").asText()),
                c.get("signingAddress").asText(), c.get("verifyingContract").asText(), c.get("signerExpiry").asLong());
            assertThat(sig.hashHex()).isEqualTo(c.get("digest").asText());
            assertThat(sig.signatureHex()).isEqualTo(c.get("signature").asText());
            assertThat(VestSigner.fromPrivateKey(Secret.of(c.get("primaryPrivateKey").asText())).address())
                .isEqualTo(c.get("primaryAddress").asText().toLowerCase(Locale.ROOT));
            assertThat(VestSigner.recoverRegistrationSigner(sig.hashHex(), sig.signatureHex()))
                .isEqualTo(c.get("primaryAddress").asText().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void shouldRecoverADifferentAddressForATamperedHash() throws Exception {
        final JsonNode c = cases("order").get(0);
        final String tampered = "0x" + "11".repeat(32);
        assertThat(VestSigner.recoverOrderSigner(tampered, c.get("signature").asText()))
            .isNotEqualTo(c.get("signingAddress").asText().toLowerCase(Locale.ROOT));
    }

    @Test
    void shouldNeverRevealTheKeyInErrors() {
        final String key = "zz" + "ab".repeat(31);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VestSigner.fromPrivateKey(Secret.of(key)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining(key);
    }
}
