package dev.arb.vest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.OrderBook;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VestAdapterStreamTest {
    private static final String INFO = "{\"symbols\":["
        + "{\"symbol\":\"NDX-USD-PERP\",\"base\":\"NDX\",\"sizeDecimals\":4,\"priceDecimals\":2,\"takerFee\":\"0.000025\","
        + "\"makerFee\":\"0\"},"
        + "{\"symbol\":\"DOGE-PERP\",\"base\":\"DOGE\",\"sizeDecimals\":0,\"priceDecimals\":6,\"takerFee\":\"0.0001\"}]}";
    private static final String CROSSED = "{\"channel\":\"NDX-USD-PERP@depth\",\"data\":{\"bids\":[[\"31500.00\","
        + "\"1.0000\"]],\"asks\":[[\"31490.00\",\"1.0000\"]]}}";

    private WireMockServer rest;
    private TestStreamServer stream;
    private VestAdapter adapter;
    /** Snapshot of (valid, bestBid) seen by the listener, on the event-loop thread. */
    private final List<long[]> seen = new CopyOnWriteArrayList<>();

    private static String fixture(final String name) throws Exception {
        try (InputStream in = VestAdapterStreamTest.class.getResourceAsStream("/vest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rest.start();
        rest.stubFor(get(urlPathEqualTo("/v2/exchangeInfo")).willReturn(aResponse().withStatus(200).withBody(INFO)));
        stream = new TestStreamServer();
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl("http://127.0.0.1:" + rest.port() + "/v2")
            .wsUrl(stream.wsUrl()).accountGroup(3).pingIntervalMs(50).maxBookAgeMs(300).build());
        adapter.subscribeOrderBook("NDX-USD-PERP", b -> seen.add(new long[] {b.isValid() ? 1 : 0, b.bestBid()}));
        adapter.connect().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.received.stream()
            .anyMatch(s -> s.contains("SUBSCRIBE") && s.contains("NDX-USD-PERP@depth")));
    }

    @AfterEach
    void stop() throws Exception {
        adapter.close();
        stream.close();
        rest.stop();
    }

    @Test
    void shouldConnectWithTheAccountGroupAndApplyFixtureSnapshots() throws Exception {
        assertThat(stream.handshakeUris.get(0)).contains("version=1.0").contains("xwebsocketserver=restserver3");
        assertThat(adapter.marketSpec("NDX-USD-PERP").makerFeeRate()).isEqualByComparingTo("0");
        assertThat(adapter.isStale("NDX-USD-PERP")).isTrue();
        assertThat(adapter.bookAgeMs("NDX-USD-PERP")).isEqualTo(Long.MAX_VALUE);
        stream.push(fixture("ws-depth-ndx.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(seen.get(0)).containsExactly(1, 3147875L);
        assertThat(adapter.isStale("NDX-USD-PERP")).isFalse();
        assertThat(adapter.bookAgeMs("NDX-USD-PERP")).isLessThan(300);
        final OrderBook book = adapter.orderBook("NDX-USD-PERP");
        assertThat(book.venueTimestampMs()).isEqualTo(1791415136507L);
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.isStale("NDX-USD-PERP"));
        assertThat(adapter.bookAgeMs("NDX-USD-PERP")).isGreaterThan(300);
    }

    @Test
    void shouldSubscribeMarketsAddedAfterConnect() throws Exception {
        final List<Long> doge = new CopyOnWriteArrayList<>();
        adapter.subscribeOrderBook("DOGE-PERP", b -> doge.add(b.bestAsk()));
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.received.stream()
            .anyMatch(s -> s.contains("SUBSCRIBE") && s.contains("DOGE-PERP@depth")));
        stream.push(fixture("ws-depth-doge.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !doge.isEmpty());
        assertThat(doge.get(0)).isEqualTo(103000L);
        assertThat(seen).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adapter.subscribeOrderBook("NOPE-PERP", b -> { }))
            .isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void shouldReportTheHourlyFundingRateOfTheTickersChannelAsIs() {
        assertThat(adapter.fundingRatePerHour("NDX-USD-PERP")).isNaN();
        // the v2 tickers shape of the Vest API docs, with a live v3 rate (protocol reference §5)
        stream.push("{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"NDX-USD-PERP\",\"oneHrFundingRate\":\"0.0000057\","
            + "\"cumFunding\":\"517.53\",\"imbalance\":\"0.0000\",\"indexPrice\":\"31452.12\",\"markPrice\":\"31479.37\","
            + "\"status\":\"TRADING\"},{\"symbol\":\"kBONK-PERP\",\"oneHrFundingRate\":\"-0.001250\",\"status\":\"TRADING\"}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Double.isNaN(adapter.fundingRatePerHour("NDX-USD-PERP")));
        assertThat(adapter.fundingRatePerHour("NDX-USD-PERP")).isEqualTo(0.0000057);
        assertThat(adapter.fundingRatePerHour("kBONK-PERP")).isEqualTo(-0.00125);
        assertThat(adapter.fundingRatePerHour("ETH-PERP")).isNaN();
        stream.push("{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"NDX-USD-PERP\",\"oneHrFundingRate\":\"-0.00001\"}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.fundingRatePerHour("NDX-USD-PERP") == -0.00001);
        assertThat(adapter.ticker("NDX-USD-PERP").oneHrFundingRate()).isEqualByComparingTo("-0.00001");
    }

    @Test
    void shouldCountMalformedFramesAndKeepTheConnection() throws Exception {
        stream.push("garbage");
        stream.push("{\"channel\":\"NDX-USD-PERP@depth\",\"data\":{\"bids\":[[\"x\",\"1\"]],\"asks\":[]}}");
        stream.push("{\"channel\":\"NDX-USD-PERP@depth\",\"data\":{\"bids\":[[\"1.001\",\"1\"]],\"asks\":[]}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.malformedMessages() == 3);
        assertThat(adapter.isConnected()).isTrue();
        assertThat(seen).isEmpty();
        stream.push(fixture("ws-depth-ndx.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        assertThat(seen.get(0)[0]).isEqualTo(1);
    }

    @Test
    void shouldInvalidateAndCountCrossedBooks() throws Exception {
        stream.push(fixture("ws-depth-ndx.json"));
        stream.push(CROSSED);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen.get(1)[0]).isZero();
        assertThat(adapter.crossedBooks()).isEqualTo(1);
        assertThat(adapter.isStale("NDX-USD-PERP")).isTrue();
    }

    @Test
    void shouldPingAndCountPongs() {
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.pongsReceived() >= 2);
        assertThat(stream.received.stream().filter(s -> s.contains("\"method\":\"PING\"")))
            .allMatch(s -> s.contains("\"params\":[]"));
    }

    @Test
    void shouldInvalidateBooksOnDisconnectAndResubscribeOnReconnect() throws Exception {
        stream.push(fixture("ws-depth-ndx.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        stream.dropClients();
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isConnected());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen.get(1)[0]).isZero();
        assertThat(adapter.isStale("NDX-USD-PERP")).isTrue();
        adapter.reconnect().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.received.stream()
            .filter(s -> s.contains("SUBSCRIBE")).count() == 2);
        stream.push(fixture("ws-depth-ndx.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isStale("NDX-USD-PERP"));
    }

    @Test
    void shouldInvalidateOnAnExplicitDisconnect() throws Exception {
        stream.push(fixture("ws-depth-ndx.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        adapter.disconnect().get(5, TimeUnit.SECONDS);
        assertThat(adapter.isConnected()).isFalse();
        assertThat(adapter.isStale("NDX-USD-PERP")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen.get(1)[0]).isZero();
    }
}
