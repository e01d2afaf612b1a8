package dev.arb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arb.api.Fill;
import dev.arb.api.Liquidity;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.RestDecoders;
import dev.arb.paradex.internal.WsRpc;
import dev.arb.paradex.sbe.FillUpdate;
import dev.arb.paradex.sbe.FrameStatus;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.vest.internal.VestAccountFrameParser;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderEvent;
import dev.arb.vest.internal.VestOrderEventCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Private-stream frame bytes → the {@link OrderUpdate} / {@link Fill} handed to order listeners, per venue
 * (issue 6, "order update" and "fill" message kinds), with the frames of {@link PrivateStreamFrames}.
 *
 * <p>The adapters' private-stream handlers are package-private ({@code VestAccountStream.onFrame} +
 * {@code VestOrderEvents}, the Paradex WebSocket's frame dispatch + {@code ParadexAccountStream.onPush}), so each
 * benchmark replays their steps, calling the adapters' real public {@code internal} parsers for the payload:
 * <ul>
 *   <li>Vest, old tree path ({@code vestOrderUpdate}, {@code vestFill}): {@code ObjectMapper.readTree} over a {@link ByteBufInputStream} of a duplicate of the frame, the
 *       envelope checks ({@code channel}, {@code data.event}, {@code args}), then
 *       {@link VestOrderCodec#update} for an order the adapter tracks (our own orders) — the tracker lookup by
 *       id (a map probe, package-private) is left out; a FILLED event also builds the {@link Fill} the
 *       adapter's sink reports.</li>
 *   <li>Vest, streaming path the adapter runs since issue 14 §3 ({@code vestOrderUpdateStreaming},
 *       {@code vestFillStreaming}): {@link VestAccountFrameParser} over the frame's bytes into a reused
 *       {@link VestOrderEvent}, {@link VestOrderEventCodec#update}; a FILLED event also builds the terminal node and the
 *       {@link Fill}.</li>
 *   <li>Paradex JSON: {@code ObjectMapper.readTree(bytes, offset, length)}, {@link WsRpc#onReply} (not a
 *       reply), the error check, the channel dispatch, then {@link OrderResponses#toUpdate} ({@code orders})
 *       or {@link RestDecoders#fill} ({@code fills}).</li>
 *   <li>Paradex SBE fill ({@code FillEvent}, template 21): {@link ParadexSbeDecoder} → {@link FillUpdate},
 *       converted to the {@link Fill} as {@code ParadexAccountStream.onFill} does.</li>
 * </ul>
 * Run with {@code -prof gc}.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrderEventBenchmark {
    private static final int PARADEX_SCALE = 8;
    private static final BigDecimal PARADEX_TAKER_FEE = new BigDecimal("0.0005");

    private final ObjectMapper json = new ObjectMapper();
    private final VestOrderCodec vestCodec = new VestOrderCodec(json);
    private final WsRpc rpc = new WsRpc(null, 10_000);
    private final FillCapture sbeFills = new FillCapture();
    private final ParadexSbeDecoder sbeDecoder = new ParadexSbeDecoder(sbeFills);
    private final VestAccountFrameParser vestParser = new VestAccountFrameParser();
    private final byte[] vestCopy = new byte[4096];
    /** Where the streaming fill's terminal node goes (kept so that it is not optimised away). */
    JsonNode terminalNode;
    private MarketSpec vestSpec;
    private OrderRequest vestRequest;
    private ByteBuf vestNew;
    private ByteBuf vestFilled;
    private byte[] paradexOrder;
    private byte[] paradexFill;
    private UnsafeBuffer paradexSbeFill;

    /** Builds the frames, the Vest market (BTC-PERP, price scale 2, size scale 4) and our tracked request. */
    @Setup
    public void setUp() {
        vestSpec = MarketSpec.builder().venue("vest").symbol(PrivateStreamFrames.VEST_MARKET).baseAsset("BTC")
            .priceScale(2).sizeScale(4).tickSize(1).stepSize(1).minSize(1).takerFeeRate(new BigDecimal("0.0001"))
            .build();
        vestRequest = OrderRequest.builder().market(PrivateStreamFrames.VEST_MARKET).side(Side.BUY)
            .type(OrderType.LIMIT).timeInForce(TimeInForce.IOC).size(125).limitPrice(6_201_000)
            .clientOrderId(PrivateStreamFrames.CLIENT_ORDER_ID).build();
        vestNew = Unpooled.wrappedBuffer(PrivateStreamFrames.vestOrderNew());
        vestFilled = Unpooled.wrappedBuffer(PrivateStreamFrames.vestOrderFilled());
        paradexOrder = PrivateStreamFrames.paradexOrderUpdate();
        paradexFill = PrivateStreamFrames.paradexFill();
        paradexSbeFill = new UnsafeBuffer(PrivateStreamFrames.paradexSbeFill());
        if (vestOrderUpdate() == null || vestFill() == null || vestOrderUpdateStreaming() == null
            || vestFillStreaming() == null || paradexOrderUpdate() == null || paradexFillJson() == null
            || paradexFillSbe() == null) {
            throw new IllegalStateException("a private-stream frame was not decoded");
        }
    }

    /** @return the update of a Vest ORDER event, status NEW */
    @Benchmark
    public OrderUpdate vestOrderUpdate() {
        final JsonNode args = vestArgs(vestNew);
        return args == null ? null : vestCodec.update(args, vestSpec, vestRequest, 1_759_500_000_200L);
    }

    /** @return the fill reported for a Vest ORDER event, status FILLED (the update is built first, as the sink does) */
    @Benchmark
    public Fill vestFill() {
        final JsonNode args = vestArgs(vestFilled);
        if (args == null) {
            return null;
        }
        final OrderUpdate u = vestCodec.update(args, vestSpec, vestRequest, 1_759_500_000_200L);
        if (!u.status().isTerminal() || u.filledSize() <= 0) {
            return null;
        }
        return new Fill("vest", u.market(), u.venueOrderId(), u.clientOrderId(), u.side(), u.avgFillPrice(),
            u.filledSize(), u.feeUsd(), Liquidity.TAKER, u.timestampMs());
    }

    /**
     * The adapter's streaming path ({@code VestAccountStream.onFrame} since issue 14 §3): {@link VestAccountFrameParser}
     * over the frame's bytes into the reused {@link VestOrderEvent}, then {@link VestOrderEventCodec#update}.
     *
     * @return the update of a Vest ORDER event, status NEW
     */
    @Benchmark
    public OrderUpdate vestOrderUpdateStreaming() {
        return vestParse(vestNew) ? VestOrderEventCodec.update(vestParser.event(), vestSpec, vestRequest,
            1_759_500_000_200L) : null;
    }

    /**
     * The streaming path of a FILLED event as the adapter's sink runs it: the update, the small node that completes the
     * order's terminal future (once per order; the placement reads it as a tree), then the {@link Fill}.
     *
     * @return the fill reported for a Vest ORDER event, status FILLED
     */
    @Benchmark
    public Fill vestFillStreaming() {
        if (!vestParse(vestFilled)) {
            return null;
        }
        final OrderUpdate u = VestOrderEventCodec.update(vestParser.event(), vestSpec, vestRequest, 1_759_500_000_200L);
        if (!u.status().isTerminal() || u.filledSize() <= 0) {
            return null;
        }
        terminalNode = vestParser.event().toUpdateNode(JsonNodeFactory.instance);
        return new Fill("vest", u.market(), u.venueOrderId(), u.clientOrderId(), u.side(), u.avgFillPrice(),
            u.filledSize(), u.feeUsd(), Liquidity.TAKER, u.timestampMs());
    }

    /** {@code VestAccountStream.onFrame}'s steps: the frame's array if on heap, else a copy into a reused array. */
    private boolean vestParse(final ByteBuf content) {
        final int length = content.readableBytes();
        final int result;
        if (content.hasArray()) {
            result = vestParser.parse(content.array(), content.arrayOffset() + content.readerIndex(), length);
        } else {
            content.getBytes(content.readerIndex(), vestCopy, 0, length);
            result = vestParser.parse(vestCopy, 0, length);
        }
        return result == VestAccountFrameParser.ORDER;
    }

    /** @return the update of a Paradex {@code orders.ALL} push (CLOSED, filled) */
    @Benchmark
    public OrderUpdate paradexOrderUpdate() {
        final JsonNode data = paradexData(paradexOrder, "orders");
        if (data == null) {
            return null;
        }
        final String market = OrderResponses.text(data, "market");
        return OrderResponses.toUpdate(data, market, PARADEX_SCALE, PARADEX_TAKER_FEE, 1_759_500_000_200L);
    }

    /** @return the fill of a Paradex {@code fills.ALL} JSON push */
    @Benchmark
    public Fill paradexFillJson() {
        final JsonNode data = paradexData(paradexFill, "fills");
        return data == null ? null : RestDecoders.fill(data);
    }

    /** @return the fill of a Paradex SBE {@code FillEvent} frame */
    @Benchmark
    public Fill paradexFillSbe() {
        sbeFills.last = null;
        if (sbeDecoder.decode(paradexSbeFill, 0, paradexSbeFill.capacity(), 1L) != FrameStatus.DECODED) {
            return null;
        }
        return sbeFills.last;
    }

    /** {@code VestAccountStream.onFrame}'s steps up to the ORDER event's {@code args}. */
    private JsonNode vestArgs(final ByteBuf content) {
        final JsonNode node;
        try {
            node = json.readTree(new ByteBufInputStream(content.duplicate()));
        } catch (final IOException e) {
            return null;
        }
        if (node == null || "PONG".equals(node.path("data").asText(null))
            || !"account_private".equals(node.path("channel").asText())) {
            return null;
        }
        final JsonNode data = node.path("data");
        if (!"ORDER".equals(data.path("event").asText())) {
            return null;
        }
        final JsonNode args = data.path("args");
        return args.isObject() ? args : null;
    }

    /** {@code ParadexAdapter.StreamListener.onText} and {@code onControl}'s steps up to {@code params.data}. */
    private JsonNode paradexData(final byte[] frame, final String channelPrefix) {
        final JsonNode node;
        try {
            node = json.readTree(frame, 0, frame.length);
        } catch (final IOException e) {
            return null;
        }
        if (node == null || !node.isObject() || rpc.onReply(node)) {
            return null;
        }
        final JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            return null;
        }
        if (!"subscription".equals(node.path("method").asText())) {
            return null;
        }
        final String channel = node.path("params").path("channel").asText("");
        return channel.startsWith(channelPrefix) ? node.path("params").path("data") : null;
    }

    /** Converts each SBE fill to the API {@link Fill} as {@code ParadexAccountStream.onFill} does. */
    static final class FillCapture implements ParadexSbeListener {
        Fill last;

        @Override
        public void onFill(final FillUpdate f) {
            last = new Fill("paradex", f.market(), f.orderId(), f.clientOrderId().isEmpty() ? null : f.clientOrderId(),
                f.side(), f.price(), f.size(), BigDecimal.valueOf(f.fee(), PARADEX_SCALE),
                f.maker() ? Liquidity.MAKER : Liquidity.TAKER, f.createdAtMicros() / 1000);
        }
    }
}
