package dev.arb.sim.process;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Finds where orders start in one client-to-server TCP stream, as it is read: an HTTP request whose chunk starts
 * with a given request line ({@code "POST /v2/orders "}), or, once the connection was upgraded to a WebSocket,
 * a client frame whose (unmasked) first 512 payload bytes contain a given marker ({@code "order.create"}, the
 * Paradex JSON-RPC method). Each order start reports the arrival time of the read that carried its first byte.
 *
 * <p>HTTP/1.1 clients do not pipeline: a request's first byte starts a read, so a prefix test per read is exact
 * for the order requests the venues' adapters send. WebSocket frames are parsed with their lengths (RFC 6455
 * §5.2: 7-, 16- or 64-bit length, 4-byte mask), across reads.
 *
 * <p><b>Note:</b> not thread-safe; one instance per connection, fed by its reading thread.
 */
final class OrderStartScanner {
    private static final int PEEK = 512;
    private static final byte[] UPGRADE = "upgrade: websocket".getBytes(StandardCharsets.US_ASCII);

    private final byte[] requestLine;
    private final byte[] wsMarker;
    private final LongConsumer onOrder;
    private boolean webSocket;
    // WebSocket frame state
    private final byte[] header = new byte[14];
    private int headerRead;
    private int headerNeeded = 2;
    private long payloadLeft;
    private int payloadIndex;
    private final byte[] peek = new byte[PEEK];
    private int peeked;
    private long frameStartNanos;

    /**
     * @param requestLine HTTP request-line prefix of an order, e.g. {@code "POST /v1/orders "}
     * @param wsMarker    bytes that identify an order in a WebSocket frame's payload, e.g. {@code "order.create"}
     * @param onOrder     receives the arrival time (ns) of each order's first byte
     */
    OrderStartScanner(final String requestLine, final String wsMarker, final LongConsumer onOrder) {
        this.requestLine = requestLine.getBytes(StandardCharsets.US_ASCII);
        this.wsMarker = wsMarker.getBytes(StandardCharsets.US_ASCII);
        this.onOrder = onOrder;
    }

    /**
     * @param buf      bytes read
     * @param n        how many
     * @param nowNanos when the read returned, {@link System#nanoTime()}
     */
    void feed(final byte[] buf, final int n, final long nowNanos) {
        if (!webSocket) {
            if (startsWith(buf, n, requestLine)) {
                onOrder.accept(nowNanos);
            } else if (n > 4 && buf[0] == 'G' && indexOfIgnoreCase(buf, n, UPGRADE) >= 0) {
                webSocket = true; // the client sends no frame before the 101 answer: the next read starts one
            }
            return;
        }
        int i = 0;
        while (i < n) {
            if (headerRead < headerNeeded) {
                if (headerRead == 0) {
                    frameStartNanos = nowNanos;
                }
                header[headerRead++] = buf[i++];
                if (headerRead == 2) {
                    final int len7 = header[1] & 0x7f;
                    headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
                }
                if (headerRead == headerNeeded) {
                    startPayload();
                }
                continue;
            }
            final int take = (int) Math.min(payloadLeft, n - i);
            final boolean masked = (header[1] & 0x80) != 0;
            for (int k = 0; k < take && peeked < PEEK; k++) {
                final byte b = buf[i + k];
                peek[peeked++] = masked ? (byte) (b ^ header[headerNeeded - 4 + (payloadIndex + k) % 4]) : b;
            }
            payloadIndex += take;
            payloadLeft -= take;
            i += take;
            if (payloadLeft == 0) {
                endFrame();
            }
        }
    }

    private void startPayload() {
        final int len7 = header[1] & 0x7f;
        long len = len7;
        if (len7 == 126) {
            len = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        } else if (len7 == 127) {
            len = 0;
            for (int k = 2; k < 10; k++) {
                len = (len << 8) | (header[k] & 0xffL);
            }
        }
        payloadLeft = len;
        payloadIndex = 0;
        peeked = 0;
        if (len == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        if (indexOfIgnoreCase(peek, peeked, wsMarker) >= 0) {
            onOrder.accept(frameStartNanos);
        }
        headerRead = 0;
        headerNeeded = 2;
        peeked = 0;
    }

    private static boolean startsWith(final byte[] buf, final int n, final byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buf[k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfIgnoreCase(final byte[] buf, final int n, final byte[] lowerNeedle) {
        outer:
        for (int i = 0; i + lowerNeedle.length <= n; i++) {
            for (int k = 0; k < lowerNeedle.length; k++) {
                final int c = buf[i + k];
                final int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
                if (lower != lowerNeedle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
