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
}
