package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.RestDecoders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz (issue 12 §1): the Paradex JSON decoders of outside bytes (book snapshot and delta frames, private
 * {@code orders}, {@code fills}, {@code positions}, {@code account} pushes, JSON-RPC replies, REST answers and
 * error bodies), fed damaged copies of real messages ({@link Mutations}). Properties: only the typed, counted
 * error each promises; a book is never left valid and wrong.
 */
class ParadexFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ParadexAdapter adapter;

    @BeforeContainer
    static void start() {
        adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl("http://127.0.0.1:1/v1")
            .wsUrl("ws://127.0.0.1:1/v1")
            .chainId("PRIVATE_SN_PARACLEAR_MAINNET").build());
    }

    @AfterContainer
    static void stop() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static byte[] seed(final String name) {
        return FuzzSeeds.bytes(ParadexFuzzTest.class, "/paradex/" + name);
    }

    @Provide
    Arbitrary<byte[]> bookFrames() {
        return Mutations.mutated(List.of(seed("ws-orderbook-snapshot.json"), seed("fuzz/ws-delta.json"),
            seed("fuzz/ws-summary.json"), seed("ws-subscribe-ack.json"), seed("ws-error.json")));
    }

    @Provide
    Arbitrary<byte[]> privateFrames() {
        return Mutations.mutated(List.of(seed("fuzz/ws-orders.json"), seed("fuzz/ws-fills.json"),
            seed("fuzz/ws-positions.json"), seed("fuzz/ws-account.json"), seed("fuzz/ws-summary.json"),
            seed("fuzz/ws-rpc-reply.json"), seed("ws-error.json")));
    }

    @Provide
    Arbitrary<byte[]> restBodies() {
        return Mutations.mutated(List.of(seed("rest-markets-btc.json"), seed("rest-positions.json"),
            seed("rest-orderbook-btc.json"), seed("rest-system-config-testnet.json"), seed("fuzz/rest-error.json"),
            seed("fuzz/rest-fills.json"), seed("fuzz/rest-system-state.json"), seed("ws-error.json")));
    }

    /** Book frames: applied whole and sane, or counted as malformed with the book exactly as before. */
    @Property
    void bookFrameNeverLeavesABadBook(@ForAll("bookFrames") final byte[] frame) {
        final BookFeed feed = new BookFeed(s -> { });
        final MarketBookState btc = new MarketBookState("BTC-USD-PERP", "order_book.BTC-USD-PERP.deltas", 16);
        feed.add(btc);
        final byte[] snapshot = seed("ws-orderbook-snapshot.json");
        feed.onFrame(snapshot, 0, snapshot.length, 1);
        assertThat(btc.book().isValid()).isTrue();
        final String before = dump(btc.book());
        feed.onFrame(frame, 0, frame.length, 2);
        if (feed.malformedMessages() > 0) {
            assertThat(dump(btc.book())).isEqualTo(before);
        }
        if (btc.book().isValid()) {
            assertSane(btc.book());
        }
    }

    /** Private pushes and RPC replies: the decoders throw only {@link MalformedMessageException}; the adapter never throws. */
    @Property
    void privatePushDecodesOrFailsTyped(@ForAll("privateFrames") final byte[] frame) {
        final JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (IOException e) {
            return; // counted by the feed as "invalid JSON"
        }
        if (node == null || !node.isObject()) {
            return; // counted as "frame is not a JSON object"
        }
        adapter.onControl(node);
        final JsonNode data = node.path("params").path("data");
        valueOrMalformed(() -> OrderResponses.toUpdate(data, "BTC-USD-PERP", 8, new BigDecimal("0.0003"), 1L));
        valueOrMalformed(() -> RestDecoders.fill(data));
        final com.fasterxml.jackson.databind.node.ObjectNode wrapped = JSON.createObjectNode();
        wrapped.putArray("results").add(data);
        valueOrMalformed(() -> RestDecoders.position(wrapped, "BTC-USD-PERP"));
        final JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            assertBounded(ParadexErrors.fromRpcError(error));
        }
    }

    /** REST answers: decoded or {@link MalformedMessageException}; error bodies: a typed exception with bounded text. */
    @Property
    void restBodyDecodesOrFailsTyped(@ForAll("restBodies") final byte[] body) {
        final String text = new String(body, StandardCharsets.UTF_8);
        for (final int status : new int[] {400, 401, 429, 503}) {
            assertBounded(ParadexErrors.fromResponse(status, text, 0));
        }
        final JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return; // ParadexRestClient answers MalformedMessageException for a 2xx body that is not JSON
        }
        valueOrMalformed(() -> RestDecoders.marketSpecs(node, BigDecimal.ONE, BigDecimal.ZERO));
        valueOrMalformed(() -> RestDecoders.fundingPeriodHours(node));
        valueOrMalformed(() -> RestDecoders.openPositions(node));
        valueOrMalformed(() -> RestDecoders.fills(node));
        valueOrMalformed(() -> RestDecoders.venueStatus(node));
        if (node != null && node.isObject()) {
            final OrderBook book = new OrderBook("paradex", "BTC-USD-PERP", 8, 8, 16);
            try {
                RestDecoders.orderBook(node, book, 1);
                if (book.isValid()) {
                    assertSane(book);
                }
            } catch (MalformedMessageException e) {
                assertThat(book.isValid()).isFalse();
            }
        }
    }

    private static void assertBounded(final ExchangeException e) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    private static void valueOrMalformed(final Supplier<?> decode) {
        try {
            assertThat((Object) decode.get()).isNotNull();
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static String dump(final OrderBook b) {
        final StringBuilder sb = new StringBuilder().append(b.isValid()).append(b.sequence());
        for (int i = 0; i < b.bidLevels(); i++) {
            sb.append(" b").append(b.bidPrice(i)).append('x').append(b.bidSize(i));
        }
        for (int i = 0; i < b.askLevels(); i++) {
            sb.append(" a").append(b.askPrice(i)).append('x').append(b.askSize(i));
        }
        return sb.toString();
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
