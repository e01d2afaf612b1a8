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
    private final List<Long> lasts = new ArrayList<>();
    private final OrderStartScanner scanner = new OrderStartScanner("POST /v1/orders ", "order.create",
        (first, last) -> {
            stamps.add(first);
            lasts.add(last);
        });

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
        assertThat(lasts).containsExactly(1L, 3L, 4L, 4L);
    }

    @Test
    void shouldStampTheLastByteOfAnOrderSplitAcrossReadsAtTheReadThatCarriedIt() {
        final String body = "{\"size\":1}";
        final String order = "POST /v1/orders HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        feed(order.substring(0, 7), 1); // the request line's start
        feed(order.substring(7, 30), 2); // into the head
        feed(order.substring(30, order.length() - 1), 3); // the head's end and all of the body but its last byte
        assertThat(stamps).isEmpty();
        feed(order.substring(order.length() - 1), 4);
        assertThat(stamps).containsExactly(1L);
        assertThat(lasts).containsExactly(4L);
    }

    @Test
    void shouldStampSeveralOrdersInOneReadWithThatReadAsFirstAndLastByte() {
        final String order = "POST /v1/orders HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
        // two whole orders and the head of a third in one read; the third's body in the next
        feed(order + order + order.substring(0, order.length() - 2), 5);
        feed("{}", 6);
        assertThat(stamps).containsExactly(5L, 5L, 5L);
        assertThat(lasts).containsExactly(5L, 5L, 6L);
    }

    @Test
    void shouldStampAnHttpOrderWhoseBodyArrivesLaterAtItsBodysLastRead() {
        final String body = "{\"market\":\"BTC-USD-PERP\",\"side\":\"BUY\"}";
        feed("POST /v1/orders HTTP/1.1\r\nContent-Length: " + body.length() + "\r\n\r\n", 1);
        feed(body.substring(0, 10), 2);
        assertThat(stamps).as("no stamp before the body's last byte").isEmpty();
        // the body's end shares a read with the next, bodiless, request: that one's bytes are not the order's
        feed(body.substring(10) + "GET /v1/orders HTTP/1.1\r\n", 3);
        feed("\r\n", 4);
        assertThat(stamps).containsExactly(1L);
        assertThat(lasts).containsExactly(3L);
    }

    @Test
    void shouldNotStampAnOrderWhoseBodyNeverCompletes() {
        feed("POST /v1/orders HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}", 1);
        assertThat(stamps).isEmpty();
    }

    @Test
    void shouldStampAWebSocketOrderWhosePayloadSpansReadsAtItsPayloadsLastRead() {
        feed("GET /v1 HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1);
        final byte[] order = frame("{\"jsonrpc\":\"2.0\",\"method\":\"order.create\",\"params\":{\"padding\":\""
            + "x".repeat(300) + "\"}}"); // a 16-bit length: 8-byte header
        final byte[] next = frame("{\"jsonrpc\":\"2.0\",\"method\":\"order.create\"}");
        final byte[] both = new byte[order.length + next.length];
        System.arraycopy(order, 0, both, 0, order.length);
        System.arraycopy(next, 0, both, order.length, next.length);
        final int[] cuts = {20, 200, order.length + 4, both.length};
        int from = 0;
        for (int k = 0; k < cuts.length; k++) {
            scanner.feed(Arrays.copyOfRange(both, from, cuts[k]), cuts[k] - from, 20 + k);
            from = cuts[k];
        }
        // the first order: header and payload's start in read 20, its payload's end in read 22 (with the next
        // order's header start); the next order's payload ends in read 23
        assertThat(stamps).containsExactly(20L, 22L);
        assertThat(lasts).containsExactly(22L, 23L);
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
        assertThat(lasts).containsExactly(11L, 12L);
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
