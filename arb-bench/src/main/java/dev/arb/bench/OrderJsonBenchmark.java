package dev.arb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.paradex.internal.ParadexOrderJsonWriter;
import dev.arb.paradex.internal.ParadexSignedOrder;
import dev.arb.paradex.internal.WsRpc;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderJsonWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.CharsetUtil;
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
 * Order JSON encoding, signature excluded, old against new (issue 14 §3). Vest {@code POST /orders}: old through
 * {@link VestOrderCodec} (the Jackson tree: the text, and the bytes the JDK HttpClient sends), new through
 * {@link VestOrderJsonWriter} (bytes into a reused buffer, and the whole request as {@code VestOrderChannel} writes
 * it: precomputed head, {@code Content-Length}, the body copied into a pooled buffer, released). Paradex: old, the
 * body as a Jackson tree ({@code paradexOrderJson}, mirroring {@code ParadexOrderEncoder.tree}, which is
 * package-private), and the whole {@code order.create} request as {@link WsRpc#request} builds it, encoded into a
 * buffer as {@code TextWebSocketFrame(String)} does ({@code paradexOrderRequestTree}); new,
 * {@link ParadexOrderJsonWriter} into a reused heap buffer ({@code paradexOrderJsonWriter}) and the whole request
 * into a pooled buffer, released as the WebSocket encoder releases a sent frame ({@code paradexOrderRequestWriter}).
 * Both new Paradex ones include the {@link ParadexSignedOrder} the encoder creates per order.
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
    private final WsRpc rpc = new WsRpc(null, 1_000);
    private final ByteBufAllocator pooled = PooledByteBufAllocator.DEFAULT;
    private final ByteBuf reused = Unpooled.buffer(512);
    private long requestId;

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

    /** @return the Paradex order body (old: Jackson tree) */
    @Benchmark
    public String paradexOrderJson() {
        return paradexTree().toString();
    }

    /** @return the length of the Paradex order body written into a reused heap buffer (new) */
    @Benchmark
    public int paradexOrderJsonWriter() {
        timeMs++;
        reused.clear();
        ParadexOrderJsonWriter.writeOrder(reused, new ParadexSignedOrder(paradexOrder, STARK_SIGNATURE, timeMs));
        return reused.writerIndex();
    }

    /** @return the length of the {@code order.create} frame: tree, request text, then UTF-8 into a buffer (old) */
    @Benchmark
    public int paradexOrderRequestTree() {
        final ByteBuf frame = Unpooled.copiedBuffer(rpc.request("order.create", paradexTree()).text(),
            CharsetUtil.UTF_8);
        final int n = frame.readableBytes();
        frame.release();
        return n;
    }

    /** @return the length of the {@code order.create} frame written straight into a pooled buffer (new) */
    @Benchmark
    public int paradexOrderRequestWriter() {
        timeMs++;
        final ByteBuf frame = pooled.buffer(512);
        ParadexOrderJsonWriter.writeRequest(frame, "order.create", ++requestId, new ParadexSignedOrder(paradexOrder,
            STARK_SIGNATURE, timeMs));
        final int n = frame.readableBytes();
        frame.release();
        return n;
    }

    private ObjectNode paradexTree() {
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
        return body;
    }
}
