package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swmansion.starknet.data.TypedData;
import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every vector of {@code paradex.json} (protocol reference §7) except the L1 → L2 key derivation
 * (issue 3).
 */
class ParadexSignerVectorsTest {
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ParadexSignerVectorsTest.class.getResourceAsStream("/paradex/paradex.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
    }

    private static BigInteger hex(final String h) {
        return new BigInteger(h.substring(2), 16);
    }

    @Test
    void shouldEncodeChainIdsAsShortStrings() {
        final Iterator<Map.Entry<String, JsonNode>> it = vectors.get("chains").fields();
        int n = 0;
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            assertThat(ParadexTypedData.chainIdHex(e.getKey())).isEqualTo(e.getValue().asText());
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void shouldReproduceTypeHashes() {
        final TypedData order = ParadexTypedData.domainOnly("PRIVATE_SN_POTC_GOERLI");
        final TypedData auth = ParadexTypedData.authRequest("PRIVATE_SN_POTC_GOERLI", 1, 2);
        final JsonNode types = vectors.get("typeHashes");
        assertThat(hex(order.getTypeHash("StarkNetDomain").hexString()))
            .isEqualTo(hex(types.get("StarkNetDomain(name:felt,chainId:felt,version:felt)").asText()));
        assertThat(hex(order.getTypeHash("Order").hexString()))
            .isEqualTo(hex(types.get("Order(timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt)").asText()));
        assertThat(hex(auth.getTypeHash("Request").hexString()))
            .isEqualTo(hex(types.get("Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)").asText()));
    }

    @Test
    void shouldReproduceDomainStructHashes() {
        final Iterator<Map.Entry<String, JsonNode>> it = vectors.get("domainStructHashes").fields();
        int n = 0;
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            final String domain = "{\"name\":\"Paradex\",\"chainId\":\"" + ParadexTypedData.chainIdHex(e.getKey())
                + "\",\"version\":\"1\"}";
            final Felt hash = ParadexTypedData.domainOnly(e.getKey()).getStructHash("StarkNetDomain", domain);
            assertThat(hash.getValue()).as(e.getKey()).isEqualTo(hex(e.getValue().get("value").asText()));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void shouldReproducePublishedStructAndMessageHashes() {
        int checked = 0;
        for (final JsonNode v : vectors.get("published")) {
            final String kind = v.get("kind").asText();
            switch (kind) {
                case "order-struct-hash" -> {
                    final TypedData td = orderTypedData(v.get("chainId").asText(), v.get("order"));
                    final JsonNode o = v.get("order");
                    final String message = "{\"timestamp\":\"" + o.get("timestamp").asLong() + "\",\"market\":\""
                        + o.get("market").asText() + "\",\"side\":\"1\",\"orderType\":\"" + o.get("type").asText()
                        + "\",\"size\":\"" + ParadexTypedData.toChainUnits(o.get("size").asText()) + "\",\"price\":\"0\"}";
                    assertThat(td.getStructHash("Order", message).getValue()).isEqualTo(hex(v.get("structHash").asText()));
                    checked++;
                }
                case "auth-struct-hash" -> {
                    final JsonNode r = v.get("request");
                    final TypedData td = ParadexTypedData.authRequest(v.get("chainId").asText(), r.get("timestamp").asLong(),
                        r.get("expiration").asLong());
                    final String message = "{\"method\":\"POST\",\"path\":\"/v1/auth\",\"body\":\"\",\"timestamp\":\""
                        + r.get("timestamp").asLong() + "\",\"expiration\":\"" + r.get("expiration").asLong() + "\"}";
                    assertThat(td.getStructHash("Request", message).getValue()).isEqualTo(hex(v.get("structHash").asText()));
                    checked++;
                }
                case "order-message-hash" -> {
                    final JsonNode o = v.get("order");
                    final Felt hash = ParadexTypedData.orderMessageHash(v.get("chainId").asText(), v.get("account").asText(),
                        o.get("timestamp").asLong(), o.get("market").asText(), Side.valueOf(o.get("side").asText()),
                        OrderType.valueOf(o.get("type").asText()), ParadexTypedData.toChainUnits(o.get("size").asText()),
                        ParadexTypedData.toChainUnits(o.get("price").asText()));
                    assertThat(hash.getValue()).isEqualTo(hex(v.get("messageHash").asText()));
                    checked++;
                }
                case "keypair" -> {
                    final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_POTC_GOERLI", "0x1",
                        Secret.of(v.get("privateKey").asText()));
                    assertThat(hex(signer.publicKey())).isEqualTo(hex(v.get("publicKey").asText()));
                    checked++;
                }
                case "l1-to-l2-derivation" -> {
                    // issue 3: L1 (Ethereum) key -> L2 key derivation is not implemented yet; only its
                    // derived L2 key pair is checked here.
                    final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_POTC_SEPOLIA", v.get("l2Address").asText(),
                        Secret.of(v.get("l2PrivateKey").asText()));
                    assertThat(hex(signer.publicKey())).isEqualTo(hex(v.get("l2PublicKey").asText()));
                    checked++;
                }
                default -> throw new AssertionError("unknown vector kind " + kind);
            }
        }
        assertThat(checked).isEqualTo(5);
    }

    private static TypedData orderTypedData(final String chainId, final JsonNode o) {
        return ParadexTypedData.order(chainId, o.get("timestamp").asLong(), o.get("market").asText(),
            Side.valueOf(o.get("side").asText()), OrderType.valueOf(o.get("type").asText()),
            ParadexTypedData.toChainUnits(o.get("size").asText()), ParadexTypedData.toChainUnits(o.get("price").asText()));
    }

    @Test
    void shouldReproduceReferenceHashesAndVerifyReferenceAndOwnSignatures() {
        final JsonNode ref = vectors.get("reference");
        final String account = ref.get("account").asText();
        final String publicKey = ref.get("publicKey").asText();
        int checked = 0;
        for (final JsonNode c : ref.get("cases")) {
            final ParadexSigner signer = new ParadexSigner(c.get("chainId").asText(), account,
                Secret.of(ref.get("privateKey").asText()));
            assertThat(hex(signer.publicKey())).isEqualTo(hex(publicKey));
            final ParadexSignature ours;
            if ("order".equals(c.get("kind").asText())) {
                final JsonNode o = c.get("order");
                ours = signer.signOrder(o.get("timestamp").asLong(), o.get("market").asText(),
                    Side.valueOf(o.get("side").asText()), OrderType.valueOf(o.get("type").asText()),
                    o.get("size").asText(), o.get("price").asText());
            } else {
                final JsonNode r = c.get("request");
                ours = signer.signAuth(r.get("timestamp").asLong(), r.get("expiration").asLong());
            }
            final String expectedHash = c.get("messageHash").asText();
            assertThat(hex(ours.messageHashHex())).as(c.get("name").asText()).isEqualTo(hex(expectedHash));
            final BigInteger refR = new BigInteger(c.get("signature").get(0).asText());
            final BigInteger refS = new BigInteger(c.get("signature").get(1).asText());
            assertThat(ParadexSigner.verify(publicKey, expectedHash, refR, refS)).isTrue();
            assertThat(ParadexSigner.verify(publicKey, expectedHash, ours.r(), ours.s())).isTrue();
            assertThat(ParadexSigner.verify(publicKey, expectedHash, refR.add(BigInteger.ONE), refS)).isFalse();
            // RFC 6979 nonces: our signature is the reference signature, byte for byte
            assertThat(ours.r()).as(c.get("name").asText()).isEqualTo(refR);
            assertThat(ours.s()).as(c.get("name").asText()).isEqualTo(refS);
            // the direct Pedersen path agrees with starknet-jvm TypedData
            final Felt viaTypedData;
            if ("order".equals(c.get("kind").asText())) {
                viaTypedData = orderTypedData(c.get("chainId").asText(), c.get("order")).getMessageHash(Felt.fromHex(account));
            } else {
                final JsonNode r = c.get("request");
                viaTypedData = ParadexTypedData.authRequest(c.get("chainId").asText(), r.get("timestamp").asLong(),
                    r.get("expiration").asLong()).getMessageHash(Felt.fromHex(account));
            }
            assertThat(viaTypedData.getValue()).isEqualTo(hex(expectedHash));
            checked++;
        }
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void shouldAgreeWithStarknetJvmCurve() {
        final JsonNode ref = vectors.get("reference");
        final Secret key = Secret.of(ref.get("privateKey").asText());
        final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET", ref.get("account").asText(), key);
        assertThat(hex(signer.publicKey()))
            .isEqualTo(com.swmansion.starknet.crypto.StarknetCurve.getPublicKey(Felt.fromHex(key.reveal())).getValue());
        final ParadexSignature sig = signer.signAuth(1_706_868_900L, 1_706_955_300L);
        assertThat(com.swmansion.starknet.crypto.StarknetCurve.verify(Felt.fromHex(signer.publicKey()),
            Felt.fromHex(sig.messageHashHex()), new Felt(sig.r()), new Felt(sig.s()))).isTrue();
    }

    @Test
    void shouldFormatWireStringWithoutSpaces() {
        final ParadexSignature sig = new ParadexSignature("0x1", new BigInteger("123"), new BigInteger("456"));
        assertThat(sig.wireString()).isEqualTo("[\"123\",\"456\"]");
    }

    @Test
    void shouldSignWithRandomKeyAndVerify() {
        final Secret key = ParadexSigner.randomPrivateKey();
        final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET", "0x1234", key);
        final ParadexSignature sig = signer.signOrder(1_700_000_000_000L, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT,
            "0.01", "65000.1");
        assertThat(ParadexSigner.verify(signer.publicKey(), sig.messageHashHex(), sig.r(), sig.s())).isTrue();
        assertThat(signer.toString()).doesNotContain(key.reveal().substring(2));
    }

    @Test
    void shouldSignMarketOrderWithPriceZero() {
        final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET", "0x1234",
            ParadexSigner.randomPrivateKey());
        final ParadexSignature a = signer.signOrder(1L, "BTC-USD-PERP", Side.SELL, OrderType.MARKET, "0.001", "65000");
        final ParadexSignature b = signer.signOrder(1L, "BTC-USD-PERP", Side.SELL, OrderType.MARKET, "0.001", "0");
        assertThat(a.messageHashHex()).isEqualTo(b.messageHashHex());
    }

    @Test
    void shouldRejectMoreThanEightDecimals() {
        final ParadexSigner signer = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET", "0x1234",
            ParadexSigner.randomPrivateKey());
        assertThatThrownBy(() -> signer.signOrder(1L, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.000000001", "1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(ParadexTypedData.toChainUnits("0.10000000000")).isEqualTo(BigInteger.valueOf(10_000_000));
    }
}
