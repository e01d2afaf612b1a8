package dev.arb.vest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The buffer encoder against the Jackson tree encoder it replaces on the Netty order path: byte for byte. */
class VestOrderJsonWriterTest {
    private static final String[] MARKETS = {"BTC-PERP", "ETH-PERP", "AAPL-USD-PERP", "K\"Q\\Z", "tab\tnew\nline",
        "ünï-PERP", "ctl\u0001\u001f"};
    private final VestOrderCodec codec = new VestOrderCodec(new ObjectMapper());

    @Test
    void shouldWriteTheSameOrderBytesAsTheTreeEncoderForManyRandomOrders() {
        final SplittableRandom random = new SplittableRandom(14);
        final ByteBuf out = Unpooled.buffer(64);
        for (int i = 0; i < 20_000; i++) {
            final OrderType type = random.nextBoolean() ? OrderType.MARKET : OrderType.LIMIT;
            final OrderRequest req = OrderRequest.builder().market(MARKETS[random.nextInt(MARKETS.length)])
                .side(random.nextBoolean() ? Side.BUY : Side.SELL).type(type)
                .timeInForce(type == OrderType.LIMIT && random.nextBoolean() ? TimeInForce.GTC : TimeInForce.IOC)
                .size(1 + random.nextLong(i % 3 == 0 ? 10 : Long.MAX_VALUE - 1))
                .limitPrice(1 + random.nextLong(i % 5 == 0 ? 1000 : Long.MAX_VALUE - 1))
                .reduceOnly(random.nextBoolean()).clientOrderId("c" + i).build();
            final int sizeScale = random.nextInt(19);
            final int priceScale = random.nextInt(19);
            final long time = random.nextLong(Long.MAX_VALUE);
            final long nonce = i % 7 == 0 ? -random.nextLong(Long.MAX_VALUE) : random.nextLong(Long.MAX_VALUE);
            final long recvWindow = random.nextLong(1, 100_000);
            final String sig = signature(random);
            final String tif = random.nextBoolean() ? "IOC" : "FOK";
            final String expected = codec.orderBody(req, time, nonce, FixedPoint.format(req.size(), sizeScale),
                FixedPoint.format(req.limitPrice(), priceScale), recvWindow, sig, tif);
            out.clear();
            final int n = VestOrderJsonWriter.writeOrder(out, req, time, nonce, sizeScale, priceScale, recvWindow, sig,
                tif);
            assertThat(n).isEqualTo(out.readableBytes());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void shouldWriteTheSameCancelBytesAsTheTreeEncoder() {
        final SplittableRandom random = new SplittableRandom(15);
        final ByteBuf out = Unpooled.buffer(16);
        for (int i = 0; i < 5_000; i++) {
            final long time = random.nextLong();
            final long nonce = i == 0 ? Long.MIN_VALUE : random.nextLong();
            final String id = i % 11 == 0 ? MARKETS[i % MARKETS.length] : "0x" + Long.toHexString(random.nextLong());
            final String sig = signature(random);
            out.clear();
            VestOrderJsonWriter.writeCancel(out, time, nonce, id, 5000, sig);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(codec.cancelBody(time, nonce, id, 5000, sig));
        }
    }

    @Test
    void shouldWriteLongsAsJacksonDoesAtEveryDigitCount() {
        final ByteBuf out = Unpooled.buffer(32);
        long v = 1;
        for (int d = 1; d <= 19; d++) {
            for (final long x : new long[] {v - 1, v, -v, v + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                out.clear();
                VestOrderJsonWriter.writeLong(out, x);
                assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(x));
            }
            v = d < 19 ? v * 10 : v;
        }
    }

    @Test
    void shouldNotAllocateWritingAsciiOrdersIntoAReusedBuffer() {
        final OrderRequest req = OrderRequest.builder().market("BTC-PERP").side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(12_345).limitPrice(Long.MAX_VALUE).reduceOnly(true).clientOrderId("c")
            .build();
        final String sig = signature(new SplittableRandom(16));
        final ByteBuf out = Unpooled.buffer(512);
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT, the digit array)
            final long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 10_000; i++) {
                out.clear();
                VestOrderJsonWriter.writeOrder(out, req, 1_700_000_000_000L + i, -i, i % 19, 18 - i % 19, 5_000, sig,
                    "IOC");
                VestOrderJsonWriter.writeCancel(out, i, Long.MIN_VALUE, "0x1f", 5_000, sig);
            }
            final long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 1) {
                assertThat(allocated).as("bytes allocated by 10k orders and cancels").isLessThan(10_000L);
            }
        }
    }

    private static String signature(final SplittableRandom random) {
        final StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < 130; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
