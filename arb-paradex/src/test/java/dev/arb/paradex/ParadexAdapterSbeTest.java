package dev.arb.paradex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter's SBE path fed with captured production frames (BTC-USD-PERP bare delta channel, 2026-10-08): the
 * negotiation query, the subscription, the book after the capture, and the resync on a replayed (out-of-sequence)
 * frame.
 */
class ParadexAdapterSbeTest {
    private static final String MARKETS = "{\"results\":[{\"symbol\":\"BTC-USD-PERP\",\"base_currency\":\"BTC\","
        + "\"price_tick_size\":\"0.1\",\"order_size_increment\":\"0.00001\",\"min_notional\":\"10\"}]}";

    private WireMockServer wm;
    private TestWsServer ws;
    private ParadexAdapter adapter;
    private final OrderBook seen = new OrderBook("paradex", "BTC-USD-PERP", 8, 8, 256);
    private final List<Boolean> validity = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        ws = new TestWsServer();
        wm.stubFor(get(urlEqualTo("/v1/markets")).willReturn(aResponse().withStatus(200).withBody(MARKETS)));
        wm.stubFor(get(urlEqualTo("/v1/system/state")).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"ok\"}")));
        adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl(wm.baseUrl() + "/v1").wsUrl(ws.url())
            .chainId("PRIVATE_SN_PARACLEAR_MAINNET").sbe(true).maxBookAgeMs(3_600_000).build());
        adapter.connect().get(30, TimeUnit.SECONDS);
        adapter.subscribeOrderBook("BTC-USD-PERP", b -> {
            synchronized (seen) {
                seen.copyFrom(b);
            }
            validity.add(b.isValid());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> ws.received.stream()
            .anyMatch(m -> m.contains("\"subscribe\"") && m.contains("order_book.BTC-USD-PERP.deltas\"")));
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        ws.close();
        wm.stop();
    }

    private static List<byte[]> binaryFrames() throws Exception {
        final List<byte[]> frames = new ArrayList<>();
        try (Reader in = new InputStreamReader(ParadexAdapterSbeTest.class.getResourceAsStream(
            "/paradex/sbe/btc-order-book-deltas-2026-10-08.head.jsonl"), StandardCharsets.UTF_8)) {
            final CaptureReader r = new CaptureReader(in);
            CapturedFrame f;
            while ((f = r.next()) != null) {
                if (f.opcode() == CapturedFrame.Opcode.BINARY) {
                    frames.add(f.payload());
                }
            }
        }
        return frames;
    }

    private OrderBook copy() {
        final OrderBook c = new OrderBook("paradex", "BTC-USD-PERP", 8, 8, 256);
        synchronized (seen) {
            c.copyFrom(seen);
        }
        return c;
    }

    @Test
    void shouldNegotiateSbeAndBuildTheCapturedBook() throws Exception {
        assertThat(ws.requestUris).containsExactly("/v1?sbeSchemaId=1&sbeSchemaVersion=1");
        for (final byte[] frame : binaryFrames()) {
            ws.pushBinary(frame);
        }
        // the last top-of-book line of the capture's replay (arb-examples ParadexReplayTest)
        await().atMost(Duration.ofSeconds(30)).until(() -> copy().sequence() == 7_687_289_244L);
        final OrderBook b = copy();
        assertThat(b.isValid()).isTrue();
        assertThat(b.bestBid()).isEqualTo(FixedPoint.parse("83476.5", 8));
        assertThat(b.bidSize(0)).isEqualTo(FixedPoint.parse("0.01198", 8));
        assertThat(b.bestAsk()).isEqualTo(FixedPoint.parse("83487.2", 8));
        assertThat(b.askSize(0)).isEqualTo(FixedPoint.parse("0.00015", 8));
        assertThat(adapter.sequenceGaps()).isZero();
        assertThat(adapter.isStale("BTC-USD-PERP")).isFalse();
    }

    @Test
    void shouldInvalidateAndResubscribeWhenAFrameRepeats() throws Exception {
        final List<byte[]> frames = binaryFrames();
        for (final byte[] frame : frames) {
            ws.pushBinary(frame);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> copy().isValid() && copy().sequence() == 7_687_289_244L);
        ws.pushBinary(frames.get(frames.size() - 1)); // a repeated seq: a gap
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.sequenceGaps() == 1);
        assertThat(copy().isValid()).isFalse();
        assertThat(adapter.isStale("BTC-USD-PERP")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ws.received.stream()
            .anyMatch(m -> m.contains("\"unsubscribe\"") && m.contains("order_book.BTC-USD-PERP.deltas\"")));
        // the fresh subscription opens with a snapshot: the book is valid again
        ws.pushBinary(frames.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> copy().isValid());
        assertThat(copy().sequence()).isEqualTo(7_687_289_234L);
    }
}
