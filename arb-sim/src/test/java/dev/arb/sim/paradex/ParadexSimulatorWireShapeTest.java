package dev.arb.sim.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.arb.sim.MarketModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's WebSocket messages have the exact field layout of the recorded venue fixtures. */
class ParadexSimulatorWireShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture(final String name) throws IOException {
        try (InputStream in = ParadexSimulatorWireShapeTest.class.getResourceAsStream("/paradex/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** Field paths in document order with the JSON node type; array elements collapsed to their first. */
    private static List<String> shape(final JsonNode node) {
        final List<String> out = new ArrayList<>();
        walk("", node, out);
        return out;
    }

    private static void walk(final String path, final JsonNode node, final List<String> out) {
        out.add(path + ':' + node.getNodeType());
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                walk(path + '/' + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0) {
            walk(path + "[]", node.get(0), out);
        }
    }

    @Test
    void shouldSendSnapshotsShapedLikeTheVenue() throws IOException {
        try (ParadexSimulator sim = ParadexSimulator.start(new MarketModel(MarketModel.Config.defaults(1)),
            ParadexSimulator.Options.defaults())) {
            final JsonNode msg = JSON.readTree(sim.snapshotMessage("order_book.BTC-USD-PERP.snapshot@15@50ms", "BTC-USD-PERP"));
            assertThat(shape(msg)).isEqualTo(shape(fixture("ws-orderbook-snapshot.json")));
            assertThat(msg.at("/params/data/update_type").asText()).isEqualTo("s");
            assertThat(msg.at("/params/data/inserts").size()).isEqualTo(30);
            final long seq = msg.at("/params/data/seq_no").asLong();
            sim.advance();
            final JsonNode next = JSON.readTree(sim.snapshotMessage("order_book.BTC-USD-PERP.snapshot@15@50ms",
                "BTC-USD-PERP"));
            assertThat(next.at("/params/data/seq_no").asLong()).isGreaterThan(seq);
        }
    }

    @Test
    void shouldAnswerAcksAndErrorsShapedLikeTheVenue() throws IOException {
        assertThat(shape(JSON.readTree(SimWsHandler.ack("trades.ETH-USD-PERP", IntNode.valueOf(1), 1L))))
            .isEqualTo(shape(fixture("ws-subscribe-ack.json")));
        assertThat(shape(JSON.readTree(SimWsHandler.error(-32601, "method does not exist", null, IntNode.valueOf(4), 1L))))
            .isEqualTo(shape(fixture("ws-error.json")));
    }
}
