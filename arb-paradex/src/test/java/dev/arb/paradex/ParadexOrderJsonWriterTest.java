package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.paradex.internal.ParadexOrderJsonWriter;
import dev.arb.paradex.internal.ParadexSignedOrder;
import dev.arb.paradex.internal.WsRpc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The order JSON written without a tree ({@link ParadexOrderJsonWriter}) against the Jackson tree it replaces
 * ({@link ParadexOrderEncoder#tree}, {@link WsRpc#request}): byte for byte, over random orders.
 */
class ParadexOrderJsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MARKETS = {"BTC-USD-PERP", "ETH-USD-PERP", "kBONK-USD-PERP", "\u00e9t\u00e9-\"q\"\\"};
    private static final String ODD_CHARS = "aZ09-_:/\"\\\b\t\n\f\r\u0000\u0001\u001f\u007f\u00e9\u20ac\ud83d\ude00\ud800";

    @Test
    void shouldWriteTheTreesBytesForRandomOrders() throws Exception {
        final SplittableRandom rnd = new SplittableRandom(14);
        final WsRpc rpc = new WsRpc(null, 1_000);
        final ByteBuf reused = Unpooled.buffer(64);
        final ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        try {
            for (int i = 0; i < 20_000; i++) {
                final ParadexSignedOrder o = randomOrder(rnd);
                final String tree = ParadexOrderEncoder.tree(o).toString();
                reused.clear();
                ParadexOrderJsonWriter.writeOrder(reused, o);
                assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(reused))).as("order %d: %s", i, tree)
                    .isEqualTo(HexFormat.of().formatHex(tree.getBytes(StandardCharsets.UTF_8)));
                final WsRpc.Request request = rpc.request("order.create", ParadexOrderEncoder.tree(o));
                pooled.clear();
                ParadexOrderJsonWriter.writeRequest(pooled, "order.create", request.id(), o);
                assertThat(ByteBufUtil.getBytes(pooled)).as("request %d: %s", i, request.text()).isEqualTo(request.text().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            pooled.release();
        }
    }

    @Test
    void shouldParseBackToTheSameFields() throws Exception {
        final OrderRequest r = OrderRequest.builder().market("BTC-USD-PERP").side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(10_000_000).limitPrice(6_500_050_000_000L).reduceOnly(true)
            .clientOrderId("arb-2").build();
        final ByteBuf buf = Unpooled.buffer();
        ParadexOrderJsonWriter.writeOrder(buf, new ParadexSignedOrder(r, "[\"1\",\"2\"]", 1_762_097_336_031L));
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("{\"market\":\"BTC-USD-PERP\",\"side\":\"SELL\","
            + "\"type\":\"LIMIT\",\"size\":\"0.1\",\"price\":\"65000.5\",\"instruction\":\"IOC\",\"client_id\":\"arb-2\","
            + "\"flags\":[\"REDUCE_ONLY\"],\"signature\":\"[\\\"1\\\",\\\"2\\\"]\",\"signature_timestamp\":1762097336031}");
        assertThat(JSON.readTree(buf.toString(StandardCharsets.UTF_8)).path("flags").path(0).asText())
            .isEqualTo("REDUCE_ONLY");
    }

    @Test
    void shouldFormatFixedPointAsFormatTrimmed() {
        final SplittableRandom rnd = new SplittableRandom(8);
        final ByteBuf buf = Unpooled.buffer(32);
        final long[] edges = {0, 1, -1, 10, 100_000_000, -100_000_000, 123_000_000, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (int scale = 0; scale <= 18; scale++) {
            for (final long v : edges) {
                assertTrimmed(buf, v, scale);
            }
            for (int i = 0; i < 2_000; i++) {
                assertTrimmed(buf, randomFixed(rnd), scale);
            }
        }
        for (final long v : edges) {
            buf.clear();
            ParadexOrderJsonWriter.writeLong(buf, v);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }

    private static void assertTrimmed(final ByteBuf buf, final long v, final int scale) {
        buf.clear();
        ParadexOrderJsonWriter.writeTrimmed(buf, v, scale);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).as("%d at scale %d", v, scale)
            .isEqualTo(FixedPoint.formatTrimmed(v, scale));
    }

    /** A value with some trailing zeros (0..17 of them), either sign. */
    private static long randomFixed(final SplittableRandom rnd) {
        long v = rnd.nextLong(1, 1_000_000_000_000L);
        for (int z = rnd.nextInt(8); z > 0; z--) {
            v *= 10;
        }
        return rnd.nextInt(8) == 0 ? -v : v;
    }

    private static ParadexSignedOrder randomOrder(final SplittableRandom rnd) {
        final OrderType type = OrderType.values()[rnd.nextInt(OrderType.values().length)];
        final long price = type == OrderType.LIMIT || rnd.nextBoolean() ? randomFixed(rnd) & Long.MAX_VALUE | 1L << rnd
            .nextInt(40) : 0;
        final OrderRequest r = OrderRequest.builder()
            .market(MARKETS[rnd.nextInt(MARKETS.length)])
            .side(rnd.nextBoolean() ? Side.BUY : Side.SELL)
            .type(type)
            .timeInForce(TimeInForce.values()[rnd.nextInt(TimeInForce.values().length)])
            .size(Math.abs(randomFixed(rnd)))
            .limitPrice(price)
            .reduceOnly(rnd.nextBoolean())
            .clientOrderId(randomClientId(rnd))
            .build();
        final String sig = "[\"" + new BigInteger(251, new java.util.Random(rnd.nextLong())) + "\",\""
            + new BigInteger(251, new java.util.Random(rnd.nextLong())) + "\"]";
        return new ParadexSignedOrder(r, sig, rnd.nextLong(0, 4_000_000_000_000L));
    }

    private static String randomClientId(final SplittableRandom rnd) {
        if (rnd.nextInt(4) != 0) {
            return "arb-" + rnd.nextLong(0, Long.MAX_VALUE);
        }
        final StringBuilder sb = new StringBuilder();
        for (int n = 1 + rnd.nextInt(20); n > 0; n--) {
            sb.append(ODD_CHARS.charAt(rnd.nextInt(ODD_CHARS.length())));
        }
        return sb.toString();
    }
}
