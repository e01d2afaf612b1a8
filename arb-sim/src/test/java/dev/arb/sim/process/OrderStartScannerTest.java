package dev.arb.sim.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStartScannerTest {
    private final List<Long> stamps = new ArrayList<>();
    private final OrderStartScanner scanner = new OrderStartScanner("POST /v1/orders ", "order.create", stamps::add);

    @Test
    void shouldStampAnHttpOrderRequestButNotOtherRequests() {
        feed("GET /v1/orders?client_id=x HTTP/1.1\r\n\r\n", 1);
        feed("POST /v1/orders HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", 2);
        feed("POST /v1/auth HTTP/1.1\r\n\r\n", 3);
        assertThat(stamps).containsExactly(2L);
    }

    @Test
    void shouldFrameKeptAliveRequestsThatShareOrSplitReads() {
        // a warm-up GET and an order in one read; then an order whose request line is split across two reads;
        // then an order whose body quotes a request line, followed in the same read by the next order
        feed("GET /v1/ticker HTTP/1.1\r\nHost: x\r\n\r\nPOST /v1/orders HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", 1);
        feed("POS", 2);
        feed("T /v1/orders HTTP/1.1\r\ncontent-length:  3\r\n\r\n{}}", 3);
        final String body = "POST /v1/orders x";
        feed("POST /v1/orders HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
            + "POST /v1/orders HTTP/1.1\r\n\r\n", 4);
        assertThat(stamps).containsExactly(1L, 2L, 4L, 4L);
    }

    @Test
    void shouldStampAMaskedWebSocketOrderFrameSplitAcrossReadsAtItsFirstRead() {
        feed("GET /v1 HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1);
        final byte[] subscribe = frame("{\"method\":\"subscribe\",\"params\":{\"channel\":\"orders\"}}");
        final byte[] order = frame("{\"jsonrpc\":\"2.0\",\"method\":\"order.create\",\"params\":{\"market\":\"BTC-USD-PERP\","
            + "\"side\":\"BUY\",\"size\":\"0.001\",\"padding\":\"" + "x".repeat(200) + "\"}}");
        final byte[] both = new byte[subscribe.length + order.length];
        System.arraycopy(subscribe, 0, both, 0, subscribe.length);
        System.arraycopy(order, 0, both, subscribe.length, order.length);
        final int cut = subscribe.length + 3; // the order's header split across two reads
        scanner.feed(Arrays.copyOfRange(both, 0, cut), cut, 10);
        scanner.feed(Arrays.copyOfRange(both, cut, both.length), both.length - cut, 11);
        scanner.feed(order, order.length, 12);
        assertThat(stamps).containsExactly(10L, 12L);
    }

    private void feed(final String text, final long nanos) {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        scanner.feed(b, b.length, nanos);
    }

    /** A client text frame (RFC 6455 §5.2): FIN, masked, 7- or 16-bit length. */
    private static byte[] frame(final String text) {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final byte[] mask = {0x11, 0x22, 0x33, 0x44};
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }
}
