package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.Secret;
import java.io.InputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/** The l1-to-l2 derivation vector of paradex.json (paradex-py tests/api/test_account.py, protocol reference §7.4). */
class ParadexAccountDerivationTest {
    private static JsonNode vector() throws Exception {
        try (InputStream in = ParadexAccountDerivationTest.class.getResourceAsStream("/paradex/paradex.json")) {
            for (final JsonNode v : new ObjectMapper().readTree(in).path("published")) {
                if ("l1-to-l2-derivation".equals(v.path("kind").asText())) {
                    return v;
                }
            }
        }
        throw new AssertionError("no l1-to-l2-derivation vector");
    }

    @Test
    void shouldDeriveTheL2KeyPublicKeyAndAddressOfTheVector() throws Exception {
        final JsonNode v = vector();
        final ParadexDerivedAccount a = ParadexAccountDerivation.derive(Secret.of(v.path("l1PrivateKey").asText()),
            v.path("l1ChainId").asLong(), v.path("paraclearAccountProxyHash").asText(), v.path("paraclearAccountHash").asText());
        assertThat(a.l2PrivateKey().reveal()).isEqualTo(v.path("l2PrivateKey").asText());
        assertThat(a.publicKey()).isEqualTo(v.path("l2PublicKey").asText());
        assertThat(a.address()).isEqualTo(v.path("l2Address").asText());
        // the key's real L1 address (protocol reference §7.4)
        assertThat(a.ethereumAddress()).isEqualTo("0x511671d631CEA1E4C66f8b93bc467646C8e994B9");
        assertThat(a.toString()).doesNotContain(v.path("l2PrivateKey").asText().substring(2));
    }

    @Test
    void shouldReproduceTheIntermediateEip712SignatureR() throws Exception {
        final JsonNode v = vector();
        final byte[] r = ParadexAccountDerivation.starkKeySignatureR(
            ECKeyPair.create(Numeric.toBigInt(v.path("l1PrivateKey").asText())), v.path("l1ChainId").asLong());
        assertThat(Numeric.toHexString(r)).isEqualTo("0xd808451f2278a2a9276f3c44911e79a481d514f3759eec43584108de0edc44b7");
    }

    @Test
    void shouldComputeTheInitializeSelector() {
        assertThat(ParadexAccountDerivation.selector("initialize"))
            .isEqualTo(new BigInteger("79dc0da7c54b95f10aa182ad0a46400db63156920adb65eca2654c0945a463", 16));
    }

    @Test
    void shouldSignTheOnboardingMessageVerifiablyWithTheDerivedKey() throws Exception {
        final JsonNode v = vector();
        final String account = v.path("l2Address").asText();
        final String hash = ParadexOnboarding.onboardingMessageHash("PRIVATE_SN_POTC_SEPOLIA", account);
        final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_POTC_SEPOLIA", account,
            Secret.of(v.path("l2PrivateKey").asText()));
        assertThat(signer.publicKey()).isEqualTo(v.path("l2PublicKey").asText());
        assertThat(hash).startsWith("0x").isNotEqualTo(ParadexOnboarding.onboardingMessageHash("PRIVATE_SN_PARACLEAR_MAINNET",
            account));
    }
}
