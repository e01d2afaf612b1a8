package dev.arb.backtest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Capture lines in the record format for the backtest tests: Vest {@code @depth}, Paradex JSON book frames. */
final class Captures {
    private Captures() {
    }

    static String vestDepth(final long tNs, final String bid, final String ask) {
        return line(tNs, "{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"" + bid + "\",\"1.0000\"]],"
            + "\"asks\":[[\"" + ask + "\",\"1.0000\"]]},\"tsMs\":1796400000000}");
    }

    static String paradexBook(final long tNs, final long seq, final String type, final String bid,
        final String ask) {
        return line(tNs, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"order_book.BTC-USD-PERP.snapshot@15@50ms\",\"data\":{\"seq_no\":" + seq + ",\"market\":\"BTC-USD-PERP\","
            + "\"last_updated_at\":1796400000000,\"update_type\":\"" + type + "\",\"inserts\":[{\"side\":\"BUY\","
            + "\"price\":\"" + bid + "\",\"size\":\"1\"},{\"side\":\"SELL\",\"price\":\"" + ask + "\",\"size\":\"1\"}],"
            + "\"updates\":[],\"deletes\":[]}}}");
    }

    static String line(final long tNs, final String text) {
        return "{\"t_ns\":" + tNs + ",\"opcode\":\"text\",\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}\n";
    }

    static InputStream in(final String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
