package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParadexOrderHasherTest {
    private static BigInteger hex(final String h) {
        return new BigInteger(h.startsWith("0x") ? h.substring(2) : h, 16);
    }

    private static JsonNode vectors() throws Exception {
        try (InputStream in = ParadexOrderHasherTest.class.getResourceAsStream("/paradex/paradex.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static BigInteger chain(final String name) {
        return ParadexOrderHasher.shortString(name);
    }

    @Test
    void shouldReproduceTypeAndDomainHashes() throws Exception {
        final JsonNode v = vectors();
        final JsonNode types = v.get("typeHashes");
        assertThat(ParadexOrderHasher.DOMAIN_TYPE_HASH)
            .isEqualTo(hex(types.get("StarkNetDomain(name:felt,chainId:felt,version:felt)").asText()));
        assertThat(ParadexOrderHasher.ORDER_TYPE_HASH).isEqualTo(hex(types.get(
            "Order(timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt)").asText()));
        assertThat(ParadexOrderHasher.REQUEST_TYPE_HASH).isEqualTo(hex(types.get(
            "Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)").asText()));
        final Iterator<Map.Entry<String, JsonNode>> it = v.get("domainStructHashes").fields();
        int n = 0;
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            assertThat(new ParadexOrderHasher(chain(e.getKey()), BigInteger.ONE).domainHash())
                .isEqualTo(hex(e.getValue().get("value").asText()));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void shouldReproduceEveryMessageHashAndSignature() throws Exception {
        final JsonNode v = vectors();
        for (final JsonNode p : v.get("published")) {
            if (p.get("kind").asText().equals("order-message-hash")) {
                final JsonNode o = p.get("order");
                final ParadexOrderHasher h = new ParadexOrderHasher(chain(p.get("chainId").asText()),
                    hex(p.get("account").asText()));
                assertThat(h.orderMessageHash(o.get("timestamp").asLong(), o.get("market").asText(),
                    o.get("side").asText().equals("BUY"), o.get("type").asText(),
                    ParadexTypedData.toChainUnits(o.get("size").asText()).longValueExact(),
                    ParadexTypedData.toChainUnits(o.get("price").asText()).longValueExact()))
                    .isEqualTo(hex(p.get("messageHash").asText()));
            }
        }
        final JsonNode ref = v.get("reference");
        final BigInteger key = hex(ref.get("privateKey").asText());
        int n = 0;
        for (final JsonNode c : ref.get("cases")) {
            final ParadexOrderHasher h = new ParadexOrderHasher(chain(c.get("chainId").asText()),
                hex(ref.get("account").asText()));
            final BigInteger hash;
            if (c.get("kind").asText().equals("order")) {
                final JsonNode o = c.get("order");
                final boolean market = o.get("type").asText().equals("MARKET");
                hash = h.orderMessageHash(o.get("timestamp").asLong(), o.get("market").asText(),
                    o.get("side").asText().equals("BUY"), o.get("type").asText(),
                    ParadexTypedData.toChainUnits(o.get("size").asText()).longValueExact(),
                    market ? 0 : ParadexTypedData.toChainUnits(o.get("price").asText()).longValueExact());
            } else {
                final JsonNode r = c.get("request");
                hash = h.authMessageHash(r.get("timestamp").asLong(), r.get("expiration").asLong());
            }
            assertThat(hash).as(c.get("name").asText()).isEqualTo(hex(c.get("messageHash").asText()));
            final BigInteger[] rs = StarkEcdsa.sign(key, hash);
            assertThat(rs[0]).isEqualTo(new BigInteger(c.get("signature").get(0).asText()));
            assertThat(rs[1]).isEqualTo(new BigInteger(c.get("signature").get(1).asText()));
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldMatchStarknetJvmTypedDataOnRandomOrders() {
        final SplittableRandom rnd = new SplittableRandom(5);
        final String account = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";
        final ParadexOrderHasher h = new ParadexOrderHasher(chain("PRIVATE_SN_PARACLEAR_MAINNET"), hex(account));
        final String[] markets = {"BTC-USD-PERP", "ETH-USD-PERP", "SOL-USD-PERP"};
        for (int i = 0; i < 40; i++) {
            final long ts = 1_700_000_000_000L + rnd.nextLong(100_000_000_000L);
            final String market = markets[rnd.nextInt(markets.length)];
            final Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            final OrderType type = rnd.nextBoolean() ? OrderType.LIMIT : OrderType.MARKET;
            final long size = 1 + rnd.nextLong(1_000_000_000_000L);
            final long price = type == OrderType.MARKET ? 0 : 1 + rnd.nextLong(10_000_000_000_000L);
            final BigInteger expected = ParadexTypedData.orderMessageHash("PRIVATE_SN_PARACLEAR_MAINNET", account, ts,
                market, side, type, BigInteger.valueOf(size), BigInteger.valueOf(price)).getValue();
            assertThat(h.orderMessageHash(ts, market, side == Side.BUY, type.name(), size, price)).isEqualTo(expected);
        }
    }

    @Test
    void shouldRejectNegativeValuesAndLongStrings() {
        final ParadexOrderHasher h = new ParadexOrderHasher(chain("PRIVATE_SN_POTC_SEPOLIA"), BigInteger.TEN);
        assertThatThrownBy(() -> h.orderMessageHash(1, "BTC-USD-PERP", true, "LIMIT", -1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.orderMessageHash(1, "X".repeat(32), true, "LIMIT", 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
