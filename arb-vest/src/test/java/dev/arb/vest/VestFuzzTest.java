package dev.arb.vest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.api.ExchangeException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import dev.arb.vest.internal.VestDepthDecoder;
import dev.arb.vest.internal.VestErrors;
import dev.arb.vest.internal.VestOrderCodec;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz (issue 12 §1): every Vest decoder of outside bytes, fed damaged copies of real frames and answers
 * ({@link Mutations}). Properties: only the typed, counted error the code promises; a book is never left
 * corrupt (valid and crossed, or half-written).
 */
class VestFuzzTest {
    private static final String INFO = "{\"symbols\":["
        + "{\"symbol\":\"NDX-USD-PERP\",\"base\":\"NDX\",\"sizeDecimals\":4,\"priceDecimals\":2,\"takerFee\":\"0.000025\","
        + "\"makerFee\":\"0\"},"
        + "{\"symbol\":\"DOGE-PERP\",\"base\":\"DOGE\",\"sizeDecimals\":0,\"priceDecimals\":6,\"takerFee\":\"0.0001\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MarketSpec NDX = MarketSpec.builder().venue("vest").symbol("NDX-USD-PERP").baseAsset("NDX")
        .priceScale(2).sizeScale(4).tickSize(1).stepSize(1).minSize(1).build();
    private static final OrderRequest REQUEST = OrderRequest.builder().market("NDX-USD-PERP").side(Side.BUY)
        .type(OrderType.MARKET).size(1000).limitPrice(3_148_000).clientOrderId("fuzz").build();

    private static WireMockServer rest;
    private static VestAdapter adapter;

    private final VestDepthDecoder decoder = new VestDepthDecoder();
    private final OrderBook book = new OrderBook("vest", "NDX-USD-PERP", 2, 4, 32);
    private final VestOrderCodec codec = new VestOrderCodec(JSON);

    @BeforeContainer
    static void start() throws Exception {
        rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rest.start();
        rest.stubFor(get(urlPathEqualTo("/v2/exchangeInfo")).willReturn(aResponse().withStatus(200).withBody(INFO)));
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl("http://127.0.0.1:" + rest.port() + "/v2")
            .wsUrl("ws://127.0.0.1:1/ws").accountGroup(3).build());
        adapter.subscribeOrderBook("NDX-USD-PERP", b -> { });
        adapter.subscribeOrderBook("DOGE-PERP", b -> { });
        adapter.addTradeListener(t -> { });
        adapter.loadMarkets().get(10, TimeUnit.SECONDS);
    }

    @AfterContainer
    static void stop() {
        adapter.close();
        rest.stop();
    }

    private static byte[] seed(final String name) {
        return FuzzSeeds.bytes(VestFuzzTest.class, "/vest/" + name);
    }

    @Provide
    Arbitrary<byte[]> depthFrames() {
        return Mutations.mutated(List.of(seed("ws-depth-ndx.json"), seed("ws-depth-doge.json")));
    }

    @Provide
    Arbitrary<byte[]> streamFrames() {
        return Mutations.mutated(List.of(seed("ws-depth-ndx.json"), seed("ws-depth-doge.json"),
            seed("fuzz/ws-tickers.json"), seed("fuzz/ws-trades.json"), seed("fuzz/ws-pong.json"),
            seed("fuzz/ws-subscribed.json")));
    }

    @Provide
    Arbitrary<byte[]> accountFrames() {
        return Mutations.mutated(List.of(seed("fuzz/ws-account-order-filled.json"),
            seed("fuzz/ws-account-order-rejected.json")));
    }

    @Provide
    Arbitrary<byte[]> restAnswers() {
        return Mutations.mutated(List.of(seed("rest-account.json"), seed("rest-exchangeinfo.json"),
            seed("fuzz/rest-orders.json"), seed("fuzz/rest-error-rate-limited.json"),
            seed("fuzz/rest-error-detail.json")));
    }

    /** {@code @depth}: applied (then sorted and uncrossed), or rejected typed with the book exactly as before. */
    @Property
    void depthFrameAppliesWholeOrNotAtAll(@ForAll("depthFrames") final byte[] frame) {
        final byte[] good = seed("ws-depth-ndx.json");
        assertThat(decoder.decode(good, 0, good.length, book, 1)).isEqualTo(VestDepthDecoder.APPLIED);
        final String before = book.toString() + book.bidLevels() + '/' + book.askLevels() + '/' + book.bestBid();
        final int result;
        try {
            result = decoder.decode(frame, 0, frame.length, book, 2);
        } catch (MalformedMessageException e) {
            assertThat(book.toString() + book.bidLevels() + '/' + book.askLevels() + '/' + book.bestBid())
                .isEqualTo(before);
            assertThat(book.isValid()).isTrue();
            return;
        }
        if (result == VestDepthDecoder.APPLIED) {
            assertThat(book.isValid()).isTrue();
            assertSane(book);
        } else if (result == VestDepthDecoder.CROSSED || result == VestDepthDecoder.UNSORTED) {
            assertThat(book.isValid()).isFalse();
        }
    }

    /** The adapter's frame handler (depth, tickers, trades, control frames): never throws, counts what it drops. */
    @Property
    void streamFrameNeverEscapes(@ForAll("streamFrames") final byte[] frame) {
        final long malformedBefore = adapter.malformedMessages();
        adapter.onFrame(Unpooled.wrappedBuffer(frame), System.nanoTime());
        assertThat(adapter.malformedMessages()).isGreaterThanOrEqualTo(malformedBefore);
        for (final String m : new String[] {"NDX-USD-PERP", "DOGE-PERP"}) {
            final OrderBook b = adapter.orderBook(m);
            if (b.isValid()) {
                assertSane(b);
            }
        }
    }

    /** {@code account_private} ORDER events: an update, or {@link MalformedMessageException} (counted by the stream). */
    @Property
    void accountEventIsAnUpdateOrMalformed(@ForAll("accountFrames") final byte[] frame) {
        final JsonNode args;
        try {
            args = JSON.readTree(frame).path("data").path("args");
        } catch (IOException e) {
            return; // counted as "account frame is not JSON" by the stream
        }
        if (!args.isObject()) {
            return; // counted as "ORDER event without args"
        }
        try {
            assertThat(codec.update(args, NDX, REQUEST, 1L)).isNotNull();
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            assertThat(codec.fromVenue(args, NDX, null, 1L)).isNotNull();
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** REST answers and error bodies: a typed exception (never null, bounded text) or a decoded value. */
    @Property
    void restAnswerDecodesOrFailsTyped(@ForAll("restAnswers") final byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            node = null; // VestRestClient treats an unparsable body as no body
        }
        for (final int status : new int[] {200, 400, 401, 429, 503}) {
            final ExchangeException e = VestErrors.toException(status, node, 0, status == 400);
            assertThat(e).isNotNull();
            assertThat(e.getMessage().length()).isLessThan(400);
        }
        if (node == null) {
            return;
        }
        final JsonNode answer = node;
        expectValueOrMalformed(() -> VestOrderCodec.positions(answer, Map.of("BTC-PERP", NDX, "NDX-USD-PERP", NDX)));
        expectValueOrMalformed(() -> VestOrderCodec.orderNode(answer, null));
        for (final JsonNode s : node.path("symbols")) {
            expectValueOrMalformed(() -> VestAdapter.toSpec(s));
        }
    }

    private static void expectValueOrMalformed(final java.util.function.Supplier<?> decode) {
        try {
            assertThat((Object) decode.get()).isNotNull();
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    static void assertSane(final OrderBook b) {
        assertThat(b.isCrossed()).isFalse();
        for (int i = 0; i < b.bidLevels(); i++) {
            assertThat(b.bidPrice(i)).isPositive();
            assertThat(b.bidSize(i)).isPositive();
            if (i > 0) {
                assertThat(b.bidPrice(i)).isLessThan(b.bidPrice(i - 1));
            }
        }
        for (int i = 0; i < b.askLevels(); i++) {
            assertThat(b.askPrice(i)).isPositive();
            assertThat(b.askSize(i)).isPositive();
            if (i > 0) {
                assertThat(b.askPrice(i)).isGreaterThan(b.askPrice(i - 1));
            }
        }
    }
}
