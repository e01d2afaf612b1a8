package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.BookMessageParser;
import dev.arb.paradex.internal.MarketBookState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The specialised book-frame scanner and the feed's snapshot, delta, gap, crossed and malformed handling. */
class BookFeedTest {
    private final List<String> resubscribed = new ArrayList<>();
    private BookFeed feed;
    private MarketBookState btc;
    private int notifications;

    @BeforeEach
    void setUp() {
        feed = new BookFeed(s -> resubscribed.add(s.market()));
        btc = new MarketBookState("BTC-USD-PERP", "order_book.BTC-USD-PERP.deltas", 16);
        btc.listeners().add(b -> notifications++);
        feed.add(btc);
    }

    static String resource(final String name) throws IOException {
        try (InputStream in = BookFeedTest.class.getResourceAsStream("/paradex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void frame(final String json) {
        final byte[] b = json.getBytes(StandardCharsets.UTF_8);
        // place the frame at an offset inside a larger buffer to check offset handling
        final byte[] padded = new byte[b.length + 7];
        System.arraycopy(b, 0, padded, 3, b.length);
        feed.onFrame(padded, 3, b.length, System.nanoTime());
    }

    private static long px(final String s) {
        return FixedPoint.parse(s, 8);
    }

    private static String delta(final long seq, final String inserts, final String updates, final String deletes) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.deltas\","
            + "\"data\":{\"seq_no\":" + seq + ",\"market\":\"BTC-USD-PERP\",\"last_updated_at\":1718267837300,"
            + "\"update_type\":\"d\",\"inserts\":[" + inserts + "],\"updates\":[" + updates + "],\"deletes\":[" + deletes
            + "]}}}";
    }

    @Test
    void shouldParseFixtureSnapshotIntoExactLevels() throws IOException {
        frame(resource("ws-orderbook-snapshot.json"));
        final OrderBook book = btc.book();
        assertThat(book.isValid()).isTrue();
        assertThat(btc.isValid()).isTrue();
        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.askLevels()).isEqualTo(1);
        assertThat(book.bidPrice(0)).isEqualTo(px("67629.7"));
        assertThat(book.bidSize(0)).isEqualTo(px("0.992"));
        assertThat(book.askPrice(0)).isEqualTo(px("69378.6"));
        assertThat(book.askSize(0)).isEqualTo(px("3.137"));
        assertThat(book.sequence()).isEqualTo(14127815L);
        assertThat(book.venueTimestampMs()).isEqualTo(1718267837265L);
        assertThat(btc.lastSeqNo()).isEqualTo(14127815L);
        assertThat(notifications).isEqualTo(1);
        assertThat(feed.malformedMessages()).isZero();
    }

    @Test
    void shouldApplyConsecutiveDeltas() throws IOException {
        frame(resource("ws-orderbook-snapshot.json"));
        frame(delta(14127816, "{\"side\":\"BUY\",\"price\":\"67630.1\",\"size\":\"1.5\"}",
            "{\"side\":\"SELL\",\"price\":\"69378.6\",\"size\":\"2\"}", ""));
        frame(delta(14127817, "", "", "{\"side\":\"BUY\",\"price\":\"67629.7\",\"size\":\"0\"}"));
        final OrderBook book = btc.book();
        assertThat(book.isValid()).isTrue();
        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.bestBid()).isEqualTo(px("67630.1"));
        assertThat(book.bidSize(0)).isEqualTo(px("1.5"));
        assertThat(book.askSize(0)).isEqualTo(px("2"));
        assertThat(book.sequence()).isEqualTo(14127817L);
        assertThat(feed.sequenceGaps()).isZero();
    }

    @Test
    void shouldInvalidateAndResubscribeOnSequenceGap() throws IOException {
        frame(resource("ws-orderbook-snapshot.json"));
        frame(delta(14127818, "{\"side\":\"BUY\",\"price\":\"67630.1\",\"size\":\"1.5\"}", "", ""));
        assertThat(btc.book().isValid()).isFalse();
        assertThat(btc.isValid()).isFalse();
        assertThat(feed.sequenceGaps()).isEqualTo(1);
        assertThat(resubscribed).containsExactly("BTC-USD-PERP");
        // further deltas stay rejected until a snapshot arrives
        frame(delta(14127819, "", "", ""));
        assertThat(btc.book().isValid()).isFalse();
        frame(resource("ws-orderbook-snapshot.json"));
        assertThat(btc.book().isValid()).isTrue();
    }

    @Test
    void shouldTreatDeltaBeforeSnapshotAsGap() {
        frame(delta(5, "{\"side\":\"BUY\",\"price\":\"1\",\"size\":\"1\"}", "", ""));
        assertThat(btc.book().isValid()).isFalse();
        assertThat(feed.sequenceGaps()).isEqualTo(1);
    }

    @Test
    void shouldInvalidateCrossedSnapshot() {
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\","
            + "\"data\":{\"seq_no\":1,\"market\":\"BTC-USD-PERP\",\"last_updated_at\":1,\"update_type\":\"s\",\"inserts\":["
            + "{\"side\":\"BUY\",\"price\":\"100.1\",\"size\":\"1\"},{\"side\":\"SELL\",\"price\":\"100\",\"size\":\"1\"}],"
            + "\"updates\":[],\"deletes\":[]}}}");
        assertThat(btc.book().isValid()).isFalse();
        assertThat(feed.crossedBooks()).isEqualTo(1);
    }

    @Test
    void shouldCountMalformedFramesAndKeepTheBook() throws IOException {
        frame(resource("ws-orderbook-snapshot.json"));
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\","
            + "\"data\":{\"seq_no\":2,\"market\":\"BTC-USD-PERP\",\"update_type\":\"s\",\"inserts\":[{\"side\":\"BUY\","
            + "\"price\":\"12.x\",\"size\":\"1\"}]}}}");
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\","
            + "\"data\":{\"seq_no\":3,\"market\":\"BTC-USD-PERP\",\"update_type\":\"s\",\"inserts\":[{\"side\":\"BUY\"");
        frame("not json at all");
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\","
            + "\"data\":{\"market\":\"BTC-USD-PERP\",\"update_type\":\"s\",\"inserts\":[]}}}");
        frame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\","
            + "\"data\":{\"seq_no\":4,\"market\":\"BTC-USD-PERP\",\"update_type\":\"x\",\"inserts\":[]}}}");
        assertThat(feed.malformedMessages()).isEqualTo(5);
        assertThat(btc.book().isValid()).isTrue();
        assertThat(btc.book().sequence()).isEqualTo(14127815L);
    }

    @Test
    void shouldIgnoreControlMessagesWithoutCountingThemMalformed() throws IOException {
        frame(resource("ws-subscribe-ack.json"));
        frame(resource("ws-error.json"));
        assertThat(feed.malformedMessages()).isZero();
        assertThat(feed.errorReplies()).isEqualTo(1);
        assertThat(notifications).isZero();
    }

    @Test
    void shouldParseKeysInAnyOrderWithWhitespaceAndUnknownFields() {
        final BookMessageParser p = new BookMessageParser();
        final byte[] b = ("{ \"params\" : { \"data\" : { \"best_bid_api\": {\"side\":\"BUY\",\"price\":\"1\",\"size\":\"2\"},"
            + " \"inserts\" : [ { \"size\" : \"0.5\", \"price\" : \"10.25\", \"side\" : \"SELL\", \"x\": [1, {\"a\": null}] } ],"
            + " \"update_type\":\"s\", \"seq_no\": \"42\", \"market\": \"ETH-USD-PERP\", \"relative_spread\": 1.5e-3, \"flag\": true },"
            + " \"channel\": \"order_book.ETH-USD-PERP.snapshot@15@50ms\" }, \"method\" : \"subscription\", \"jsonrpc\":\"2.0\" }")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parse(b, 0, b.length)).isEqualTo(BookMessageParser.BOOK);
        assertThat(p.seqNo()).isEqualTo(42);
        assertThat(p.isSnapshot()).isTrue();
        assertThat(p.marketEquals("ETH-USD-PERP".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(p.levelCount()).isEqualTo(1);
        assertThat(p.isBuy(0)).isFalse();
        assertThat(p.price(0)).isEqualTo(px("10.25"));
        assertThat(p.size(0)).isEqualTo(px("0.5"));
    }

    @Test
    void shouldNotAllocateWhenParsingRepeatedSnapshots() throws IOException {
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final byte[] b = resource("ws-orderbook-snapshot.json").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            feed.onFrame(b, 0, b.length, i);
        }
        final long tid = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            feed.onFrame(b, 0, b.length, i);
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated for 10k frames").isLessThan(10_000L);
    }
    private static String summary(final String channel, final String symbol, final String fundingRate) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"" + channel
            + "\",\"data\":{\"symbol\":\"" + symbol + "\",\"mark_price\":\"65000.05\",\"funding_rate\":" + fundingRate
            + ",\"greeks\":{\"delta\":\"1\"},\"created_at\":1718267837300}}}";
    }

    @Test
    void shouldReadTheFundingRateOfAMarketsSummaryPush() {
        final BookMessageParser p = new BookMessageParser();
        final byte[] b = summary("markets_summary.BTC-USD-PERP", "BTC-USD-PERP", "\"-0.0000400125\"")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parse(b, 0, b.length)).isEqualTo(BookMessageParser.SUMMARY);
        assertThat(p.marketEquals("BTC-USD-PERP".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(p.fundingRate()).isEqualTo(-0.0000400125);
    }

    @Test
    void shouldReadFundingRatesAsNumbersWithExponentsOrManyDigits() {
        final BookMessageParser p = new BookMessageParser();
        for (final String[] c : new String[][] {{"1.5e-5", "0.000015"}, {"\"0.00001234567890123456789\"", "0.0000123456789012345"},
            {"\"12\"", "12"}, {"-0.3", "-0.3"}}) {
            final byte[] b = summary("markets_summary", "ETH-USD-PERP", c[0]).getBytes(StandardCharsets.US_ASCII);
            assertThat(p.parse(b, 0, b.length)).as(c[0]).isEqualTo(BookMessageParser.SUMMARY);
            assertThat(p.fundingRate()).as(c[0]).isCloseTo(Double.parseDouble(c[1]), org.assertj.core.data.Offset.offset(1e-18));
        }
        final byte[] nul = summary("markets_summary", "ETH-USD-PERP", "null").getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parse(nul, 0, nul.length)).isEqualTo(BookMessageParser.SUMMARY);
        assertThat(p.fundingRate()).isNaN();
        final byte[] bad = summary("markets_summary", "ETH-USD-PERP", "\"abc\"").getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parse(bad, 0, bad.length)).isEqualTo(BookMessageParser.MALFORMED);
    }

    @Test
    void shouldStoreTheFundingRateOfASubscribedMarketWithoutTouchingItsBook() {
        assertThat(btc.fundingRate()).isNaN();
        frame(summary("markets_summary.BTC-USD-PERP", "BTC-USD-PERP", "\"0.0001\""));
        frame(summary("markets_summary.ETH-USD-PERP", "ETH-USD-PERP", "\"0.5\""));
        assertThat(btc.fundingRate()).isEqualTo(0.0001);
        assertThat(notifications).isZero();
        assertThat(feed.malformedMessages()).isZero();
        assertThat(btc.book().isValid()).isFalse();
    }

    @Test
    void shouldNotAllocateWhenParsingRepeatedSummaries() {
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final byte[] b = summary("markets_summary.BTC-USD-PERP", "BTC-USD-PERP", "\"-0.000040000000\"")
            .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            feed.onFrame(b, 0, b.length, i);
        }
        final long tid = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            feed.onFrame(b, 0, b.length, i);
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(btc.fundingRate()).isEqualTo(-0.00004);
        assertThat(allocated).as("bytes allocated for 10k summaries").isLessThan(10_000L);
    }
}
