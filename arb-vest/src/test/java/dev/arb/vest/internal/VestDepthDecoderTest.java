package dev.arb.vest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.FixedPoint;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VestDepthDecoderTest {
    private final VestDepthDecoder decoder = new VestDepthDecoder();

    static byte[] fixture(final String name) throws Exception {
        try (InputStream in = VestDepthDecoderTest.class.getResourceAsStream("/vest/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Reference: the levels as Jackson + BigDecimal read them, sorted best first. */
    private static List<long[]> reference(final byte[] frame, final String side, final int priceScale,
        final int sizeScale, final boolean descending) throws Exception {
        final JsonNode levels = new ObjectMapper().readTree(frame).get("data").get(side);
        final List<long[]> out = new ArrayList<>();
        levels.forEach(l -> out.add(new long[] {FixedPoint.parse(l.get(0).asText(), priceScale),
            FixedPoint.parse(l.get(1).asText(), sizeScale)}));
        out.sort(Comparator.comparingLong((long[] l) -> l[0]));
        if (descending) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    private static void assertBookMatches(final OrderBook book, final byte[] frame) throws Exception {
        final List<long[]> bids = reference(frame, "bids", book.priceScale(), book.sizeScale(), true);
        final List<long[]> asks = reference(frame, "asks", book.priceScale(), book.sizeScale(), false);
        assertThat(book.bidLevels()).isEqualTo(bids.size());
        assertThat(book.askLevels()).isEqualTo(asks.size());
        for (int i = 0; i < bids.size(); i++) {
            assertThat(book.bidPrice(i)).isEqualTo(bids.get(i)[0]);
            assertThat(book.bidSize(i)).isEqualTo(bids.get(i)[1]);
        }
        for (int i = 0; i < asks.size(); i++) {
            assertThat(book.askPrice(i)).isEqualTo(asks.get(i)[0]);
            assertThat(book.askSize(i)).isEqualTo(asks.get(i)[1]);
        }
    }

    @Test
    void shouldParseTheNdxFixtureWithRxAndTsMs() throws Exception {
        final byte[] frame = fixture("ws-depth-ndx.json");
        final OrderBook book = new OrderBook("vest", "NDX-USD-PERP", 2, 4, 20);
        assertThat(decoder.scan(frame, 0, frame.length)).isEqualTo(VestDepthDecoder.FRAME_CHANNEL);
        assertThat(decoder.channelEquals("NDX-USD-PERP@depth".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(decoder.channelEquals("BTC-PERP@depth".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(decoder.applyDepth(book, 42L)).isEqualTo(VestDepthDecoder.APPLIED);
        assertThat(book.isValid()).isTrue();
        assertThat(book.venueTimestampMs()).isEqualTo(1791415136507L);
        assertThat(book.receivedNanos()).isEqualTo(42L);
        assertThat(book.bestBid()).isEqualTo(3147875L);
        assertThat(book.bestAsk()).isEqualTo(3148000L);
        assertThat(book.bidSize(0)).isEqualTo(48135L);
        assertThat(book.askPrice(19)).isEqualTo(3149000L);
        assertBookMatches(book, frame);
    }

    @Test
    void shouldParseTheDogeFixture() throws Exception {
        final byte[] frame = fixture("ws-depth-doge.json");
        final OrderBook book = new OrderBook("vest", "DOGE-PERP", 6, 0, 4);
        assertThat(decoder.decode(frame, 0, frame.length, book, 7L)).isEqualTo(VestDepthDecoder.APPLIED);
        assertThat(book.bestBid()).isEqualTo(102000L);
        assertThat(book.bestAsk()).isEqualTo(103000L);
        assertThat(book.bidSize(0)).isEqualTo(1234L);
        assertThat(book.venueTimestampMs()).isZero();
        assertBookMatches(book, frame);
    }

    @Test
    void shouldRejectUnsortedLevelsByDefault() throws Exception {
        final OrderBook book = new OrderBook("vest", "BTC-PERP", 2, 4, 4);
        final byte[] ndx = fixture("ws-depth-ndx.json");
        assertThat(decoder.decode(ndx, 0, ndx.length, book, 1L)).isEqualTo(VestDepthDecoder.APPLIED);
        final byte[] unsortedBids = ("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"asks\":[[\"100.50\",\"1.0000\"]],"
            + "\"bids\":[[\"99.00\",\"1.0000\"],[\"100.00\",\"0.5000\"]]}}").getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.decode(unsortedBids, 0, unsortedBids.length, book, 2L)).isEqualTo(VestDepthDecoder.UNSORTED);
        assertThat(book.isValid()).isFalse();
        final byte[] repeatedAsk = ("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"asks\":[[\"100.50\",\"1.0000\"],"
            + "[\"100.50\",\"2.0000\"]],\"bids\":[[\"100.00\",\"0.5000\"]]}}").getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.decode(repeatedAsk, 0, repeatedAsk.length, book, 3L)).isEqualTo(VestDepthDecoder.UNSORTED);
        assertThat(decoder.decode(ndx, 0, ndx.length, book, 4L)).isEqualTo(VestDepthDecoder.APPLIED);
        assertThat(book.isValid()).isTrue();
    }

    @Test
    void shouldReplaceTheWholeBookOnEverySnapshotAndSortUnsortedLevelsWhenConfigured() throws Exception {
        decoder.rejectUnsorted(false);
        final OrderBook book = new OrderBook("vest", "BTC-PERP", 2, 4, 4);
        final byte[] ndx = fixture("ws-depth-ndx.json");
        decoder.decode(ndx, 0, ndx.length, book, 1L);
        final byte[] unsorted = ("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"asks\":[[\"101.00\",\"1.0000\"],"
            + "[\"100.50\",\"2.0000\"]],\"bids\":[[\"99.00\",\"1.0000\"],[\"100.00\",\"0.5000\"]]}}")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.decode(unsorted, 0, unsorted.length, book, 2L)).isEqualTo(VestDepthDecoder.APPLIED);
        assertThat(book.bidLevels()).isEqualTo(2);
        assertThat(book.bestBid()).isEqualTo(10000L);
        assertThat(book.bestAsk()).isEqualTo(10050L);
        assertBookMatches(book, unsorted);
    }

    @Test
    void shouldInvalidateACrossedBook() {
        final OrderBook book = new OrderBook("vest", "BTC-PERP", 2, 4, 4);
        final byte[] crossed = ("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"101.00\",\"1.0000\"]],"
            + "\"asks\":[[\"100.00\",\"1.0000\"]]}}").getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.decode(crossed, 0, crossed.length, book, 1L)).isEqualTo(VestDepthDecoder.CROSSED);
        assertThat(book.isValid()).isFalse();
    }

    @Test
    void shouldRejectMalformedFramesAndLeaveTheBookUntouched() throws Exception {
        final OrderBook book = new OrderBook("vest", "DOGE-PERP", 6, 0, 4);
        final byte[] good = fixture("ws-depth-doge.json");
        decoder.decode(good, 0, good.length, book, 1L);
        final String[] bad = {
            "", "not json", "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[[\"0.1\",\"1\"]]",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[[\"abc\",\"1\"]],\"asks\":[]}}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[[\"0.1000001\",\"1\"]],\"asks\":[]}}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[]}}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":[]}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[[\"0.1\"]],\"asks\":[]}}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[[\"-0.1\",\"1\"]],\"asks\":[]}}",
            "{\"channel\":\"DOGE-PERP@depth\",\"data\":{\"bids\":[],\"asks\":[]},\"tsMs\":12x}",
        };
        for (final String s : bad) {
            final byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> decoder.decode(b, 0, b.length, book, 99L)).as(s)
                .isInstanceOf(MalformedMessageException.class);
        }
        assertThat(book.isValid()).isTrue();
        assertThat(book.receivedNanos()).isEqualTo(1L);
        assertBookMatches(book, good);
    }

    @Test
    void shouldClassifyControlFramesAndOtherChannels() {
        final byte[] pong = "{\"data\":\"PONG\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.scan(pong, 0, pong.length)).isEqualTo(VestDepthDecoder.FRAME_CONTROL);
        final byte[] sub = "{\"result\":null,\"id\":1}".getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.scan(sub, 0, sub.length)).isEqualTo(VestDepthDecoder.FRAME_CONTROL);
        final byte[] trades = ("{\"channel\":\"DOGE-PERP@trades\",\"data\":{\"id\":\"0x\",\"price\":\"0.102000\"}}")
            .getBytes(StandardCharsets.US_ASCII);
        assertThat(decoder.scan(trades, 0, trades.length)).isEqualTo(VestDepthDecoder.FRAME_CHANNEL);
        assertThat(decoder.isDepthChannel()).isFalse();
    }

    private static String frameWith(final String price, final String size) {
        return "{\"channel\":\"X@depth\",\"data\":{\"bids\":[[\"" + price + "\",\"" + size + "\"]],\"asks\":[]}}";
    }

    @Test
    void shouldParseDecimalsExactlyLikeFixedPoint() {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        final String[] odd = {"0", "00012.5000", "1.", ".5", "9223372036854775807", "9223372036854775808",
            "922337203685477580.7", "1.23456789", "12a", "1..2", "", ".", "+1", "-1", "000000000000000000000001",
            "0.000000000000000001", "99999999999999999.99"};
        for (int n = 0; n < 20_000 + odd.length; n++) {
            final int scale = n < odd.length ? 2 + (n % 3) * 4 : random.nextInt(0, 11);
            final String price;
            if (n < odd.length) {
                price = odd[n];
            } else {
                final long v = random.nextLong(1, Long.MAX_VALUE >> random.nextInt(0, 60));
                final StringBuilder t = new StringBuilder("0".repeat(random.nextInt(0, 3)))
                    .append(FixedPoint.format(v, random.nextInt(0, 13)));
                if (t.indexOf(".") >= 0) {
                    t.append("0".repeat(random.nextInt(0, 3)));
                }
                price = t.toString();
            }
            final OrderBook book = new OrderBook("vest", "X", scale, 0, 4);
            final byte[] frame = frameWith(price, "1").getBytes(StandardCharsets.US_ASCII);
            Long expected;
            try {
                expected = FixedPoint.parse(price, scale);
            } catch (IllegalArgumentException e) {
                expected = null;
            }
            if (expected == null || expected <= 0 || price.startsWith("+")) { // venue decimals are unsigned
                assertThatThrownBy(() -> decoder.decode(frame, 0, frame.length, book, 1L)).as(price + " @" + scale)
                    .isInstanceOf(MalformedMessageException.class);
            } else {
                decoder.decode(frame, 0, frame.length, book, 1L);
                assertThat(book.bestBid()).as(price + " @" + scale).isEqualTo(expected.longValue());
            }
        }
    }

    @Test
    void shouldNotAllocateWhenDecodingASnapshot() throws Exception {
        final byte[] frame = fixture("ws-depth-ndx.json");
        final OrderBook book = new OrderBook("vest", "NDX-USD-PERP", 2, 4, 32);
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            decoder.decode(frame, 0, frame.length, book, i);
        }
        final long tid = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            decoder.decode(frame, 0, frame.length, book, i);
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 10k decodes").isLessThan(10_000L);
        assertThat(book.isValid()).isTrue();
    }
}
