package dev.arb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderJsonWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order JSON encoding, signature excluded: Vest {@code POST /orders} through {@link VestOrderCodec} (the Jackson
 * tree: the text, and the bytes the JDK HttpClient sends) against {@link VestOrderJsonWriter} (bytes into a reused
 * buffer, and the whole request as {@code VestOrderChannel} writes it: precomputed head, {@code Content-Length},
 * the body copied into a pooled buffer, released; issue 14 §3), and the Paradex {@code POST /orders} body as {@code ParadexAdapter} builds it (Jackson tree, sizes
 * and prices formatted from fixed point; the adapter's builder is private, so this mirrors it).
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrderJsonBenchmark {
    private static final String SIGNATURE_HEX = "0x481a1dc2da68ad7ced704d610899c72cf9a5480c4446ce65beeec32a61d6bd793b20ef6ea"
        + "5883b5f88678359e9fdbaf52a78117fe366733197a04b2992b9ee561c";
    private static final String STARK_SIGNATURE = "[\"2262006913427234559031857040197831146280974542390472657496885765161924686291\","
        + "\"2869420304749673710270388173853766736578603850909753747483150501999763778981\"]";
    private static final byte[] HEAD = ("POST /v2/orders HTTP/1.1\r\nHost: server-prod.hz.vestmarkets.com\r\n"
        + "User-Agent: Java-http-client/17\r\nxrestservermm: restserver0\r\nAccept: application/json\r\n"
        + "X-API-KEY: 0123456789abcdef0123456789abcdef\r\nContent-Type: application/json\r\nContent-Length: ")
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ObjectMapper json = new ObjectMapper();
    private ByteBuf scratch;
    private VestOrderCodec vest;
    private OrderRequest vestOrder;
    private OrderRequest paradexOrder;
    private long timeMs;

    /** Builds the codecs and orders. */
    @Setup
    public void setUp() {
        vest = new VestOrderCodec(json);
        vestOrder = OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(10_000).limitPrice(5_000_000).clientOrderId("arb-1").build();
        paradexOrder = OrderRequest.builder().market("BTC-USD-PERP").side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(10_000_000).limitPrice(6_500_050_000_000L).clientOrderId("arb-2")
            .build();
        timeMs = 1_762_097_336_031L;
        scratch = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
    }

    /** Frees the reused buffer. */
    @TearDown
    public void tearDown() {
        scratch.release();
    }

    /** @return the Vest order body */
    @Benchmark
    public String vestOrderJson() {
        timeMs++;
        return vest.orderBody(vestOrder, timeMs, timeMs, FixedPoint.format(vestOrder.size(), 4),
            FixedPoint.format(vestOrder.limitPrice(), 2), 5_000, SIGNATURE_HEX, "IOC");
    }

    /** @return the Vest order body as the bytes the HttpClient writes ({@code BodyPublishers.ofString}: UTF-8) */
    @Benchmark
    public byte[] vestOrderJsonBytes() {
        return vestOrderJson().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the Vest order body's length: written into the reused buffer by {@link VestOrderJsonWriter} */
    @Benchmark
    public int vestOrderBuffer() {
        timeMs++;
        scratch.clear();
        return VestOrderJsonWriter.writeOrder(scratch, vestOrder, timeMs, timeMs, 4, 2, 5_000, SIGNATURE_HEX, "IOC");
    }

    /** @return the whole Vest request's length as the Netty order path writes it: body, then head + length + body */
    @Benchmark
    public int vestOrderRequest() {
        final int n = vestOrderBuffer();
        final ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(HEAD.length + 24 + n);
        out.writeBytes(HEAD);
        VestOrderJsonWriter.writeLong(out, n);
        out.writeBytes(CRLF2).writeBytes(scratch, 0, n);
        final int size = out.readableBytes();
        out.release();
        return size;
    }

    /** @return the Paradex order body */
    @Benchmark
    public String paradexOrderJson() {
        timeMs++;
        final String size = FixedPoint.formatTrimmed(paradexOrder.size(), 8);
        final String price = FixedPoint.formatTrimmed(paradexOrder.limitPrice(), 8);
        final ObjectNode body = json.createObjectNode();
        body.put("market", paradexOrder.market());
        body.put("side", paradexOrder.side().name());
        body.put("type", paradexOrder.type().name());
        body.put("size", size);
        body.put("price", price);
        body.put("instruction", "IOC");
        body.put("client_id", paradexOrder.clientOrderId());
        body.put("signature", STARK_SIGNATURE);
        body.put("signature_timestamp", timeMs);
        return body.toString();
    }
}
