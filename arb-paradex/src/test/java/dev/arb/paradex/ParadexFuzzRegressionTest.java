package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.BookMessageParser;
import dev.arb.paradex.internal.MarketBookState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The minimised inputs {@link ParadexFuzzTest} found, each a defect fixed (RELIABILITY.md, defects table). */
class ParadexFuzzRegressionTest {
    /** 100,000 nested arrays in a book frame overflowed the stack of the market-data event loop. */
    /** Found by CI's fuzz run (seed 96871082371830239): a 13 KB JSON-RPC error message went whole into the exception. */
    @Test
    void hugeVenueErrorTextIsClipped() throws Exception {
        final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        final String huge = "m".repeat(13_000);
        final dev.arb.api.ExchangeException rpc = dev.arb.paradex.internal.ParadexErrors.fromRpcError(json.readTree(
            "{\"code\":-32601,\"message\":\"" + huge + "\",\"data\":\"" + huge + "\"}"));
        org.assertj.core.api.Assertions.assertThat(rpc.getMessage()).hasSizeLessThan(500)
            .startsWith("paradex [-32601] JSON-RPC error -32601: mmm").contains("…");
        final dev.arb.api.ExchangeException rest = dev.arb.paradex.internal.ParadexErrors.fromResponse(400,
            "{\"error\":\"" + huge + "\",\"message\":\"" + huge + "\"}", 0);
        org.assertj.core.api.Assertions.assertThat(rest.getMessage()).hasSizeLessThan(500).contains("HTTP 400: mmm");
    }

    @Test
    void deeplyNestedFrameIsMalformedNotAStackOverflow() {
        final String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"order_book.BTC-USD-PERP.deltas\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        final BookMessageParser parser = new BookMessageParser();
        assertThat(parser.parse(bytes, 0, bytes.length)).isEqualTo(BookMessageParser.MALFORMED);
        assertThat(parser.error()).isEqualTo("nesting deeper than 64");

        final BookFeed feed = new BookFeed(s -> { });
        feed.add(new MarketBookState("BTC-USD-PERP", "order_book.BTC-USD-PERP.deltas", 16));
        feed.onFrame(bytes, 0, bytes.length, 1);
        assertThat(feed.malformedMessages()).isEqualTo(1);
    }

    /** Nesting as deep as real frames (and then some) still parses. */
    @Test
    void ordinaryNestingStillParses() {
        final String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"x\",\"data\":"
            + "[".repeat(60) + "]".repeat(60) + "}}";
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        assertThat(new BookMessageParser().parse(bytes, 0, bytes.length)).isNotEqualTo(BookMessageParser.MALFORMED);
    }

    /** {@code "avg_fill_price":"1e-999999999"} made setScale compute a billion-digit power of ten. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = java.util.concurrent.TimeUnit.SECONDS)
    void averagePriceWithAHugeExponentIsMalformedAtOnce() throws Exception {
        final com.fasterxml.jackson.databind.JsonNode order = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            "{\"status\":\"CLOSED\",\"side\":\"BUY\",\"size\":\"0.01\",\"remaining_size\":\"0\","
                + "\"avg_fill_price\":\"1e-999999999\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.arb.paradex.internal.OrderResponses.toUpdate(order,
            "BTC-USD-PERP", 8, java.math.BigDecimal.ZERO, 1L)).isInstanceOf(dev.arb.api.MalformedMessageException.class)
            .hasMessageContaining("out of range");
    }

    /** A REST book with {@code ["67643.2",-1]} among its asks was marked valid with a level of size -1. */
    @Test
    void restBookWithANegativeSizeIsMalformedAndInvalid() throws Exception {
        final com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            "{\"market\":\"BTC-USD-PERP\",\"seq_no\":14139427,\"asks\":[[\"67643.2\",-1],[\"79981\",\"0.5\"]],"
                + "\"bids\":[[\"66810\",\"0.078\"]]}");
        final dev.arb.api.OrderBook book = new dev.arb.api.OrderBook("paradex", "BTC-USD-PERP", 8, 8, 4);
        book.markValid();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.arb.paradex.internal.RestDecoders.orderBook(body,
            book, 1)).isInstanceOf(dev.arb.api.MalformedMessageException.class);
        assertThat(book.isValid()).isFalse();
    }

    /** A REST book whose {@code seq_no} overflows a long threw NumberFormatException after the levels were written. */
    @Test
    void restBookWithASequenceBeyondALongIsMalformedAndInvalid() throws Exception {
        final com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            "{\"market\":\"BTC-USD-PERP\",\"seq_no\":9999999999999999999999999999999999999914139427,"
                + "\"asks\":[[\"79981\",\"0.5\"]],\"bids\":[[\"66810\",\"0.078\"]]}");
        final dev.arb.api.OrderBook book = new dev.arb.api.OrderBook("paradex", "BTC-USD-PERP", 8, 8, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.arb.paradex.internal.RestDecoders.orderBook(body,
            book, 1)).isInstanceOf(dev.arb.api.MalformedMessageException.class);
        assertThat(book.isValid()).isFalse();
    }
}
