package dev.arb.sim.process;

import java.nio.charset.StandardCharsets;

/**
 * Finds where orders start in one client-to-server TCP stream, as it is read: an HTTP request whose chunk starts
 * with a given request line ({@code "POST /v2/orders "}), or, once the connection was upgraded to a WebSocket,
 * a client frame whose (unmasked) first 512 payload bytes contain a given marker ({@code "order.create"}, the
 * Paradex JSON-RPC method). Each order reports, once its last byte is read, the arrival time of the read that
 * carried its first byte and of the read that carried its last: the end of the request's body ({@code Content-Length}
 * bytes after the head; the head's empty line when there is none), or of the frame's payload.
 *
 * <p>HTTP/1.1 requests are framed as they arrive (RFC 9112 §6: the head ends at the first empty line, a body of
 * {@code Content-Length} bytes follows), across reads and several per read: on a kept-alive connection an
 * order may share a read with the end of the request before it. WebSocket frames are parsed with their lengths
 * (RFC 6455 §5.2: 7-, 16- or 64-bit length, 4-byte mask), across reads.
 *
 * <p>Orders are reported in the order they were sent. One whose last byte never comes (the connection closed
 * mid-order) is not reported.
 *
 * <p><b>Note:</b> not thread-safe; one instance per connection, fed by its reading thread.
 */
final class OrderStartScanner {
    /** Receives each order's arrival times, once its last byte is read. */
    @FunctionalInterface
    interface OrderListener {
        /**
         * @param firstNanos when the read that carried the order's first byte returned, {@link System#nanoTime()}
         * @param lastNanos  when the read that carried its last byte returned ({@code >= firstNanos})
         */
        void onOrder(long firstNanos, long lastNanos);
    }

    private static final int PEEK = 512;
    private static final byte[] UPGRADE = "upgrade: websocket".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD_KEPT = 4_096;

    private final byte[] requestLine;
    private final byte[] wsMarker;
    private final OrderListener onOrder;
    private boolean webSocket;
    // HTTP request state: the head's first bytes, its last four (to find the empty line), the body left to skip
    private final byte[] head = new byte[HEAD_KEPT];
    private int headLength;
    private int lastFour;
    private long headStartNanos;
    private long bodyLeft;
    // the order whose body is being read, if the request is one
    private boolean orderBody;
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
     * @param onOrder     receives the arrival times (ns) of each order's first and last byte
     */
    OrderStartScanner(final String requestLine, final String wsMarker, final OrderListener onOrder) {
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
        int i = 0;
        while (i < n && !webSocket) {
            i = feedHttp(buf, i, n, nowNanos);
        }
        feedWebSocket(buf, i, n, nowNanos);
    }

    /** Consumes HTTP bytes from {@code i}: a body's rest, or a head up to and including its empty line. */
    private int feedHttp(final byte[] buf, int i, final int n, final long nowNanos) {
        if (bodyLeft > 0) {
            final int skip = (int) Math.min(bodyLeft, n - i);
            bodyLeft -= skip;
            if (bodyLeft == 0) {
                endBody(nowNanos);
            }
            return i + skip;
        }
        if (headLength == 0) {
            headStartNanos = nowNanos;
        }
        while (i < n) {
            final byte b = buf[i++];
            if (headLength < HEAD_KEPT) {
                head[headLength] = b;
            }
            headLength++;
            lastFour = (lastFour << 8) | (b & 0xff);
            if (lastFour == 0x0d0a0d0a) {
                endHead(nowNanos);
                return i;
            }
        }
        return i;
    }

    private void endHead(final long nowNanos) {
        final int kept = Math.min(headLength, HEAD_KEPT);
        orderBody = startsWith(head, kept, requestLine);
        if (!orderBody && head[0] == 'G' && indexOfIgnoreCase(head, kept, UPGRADE) >= 0) {
            webSocket = true; // the client sends no frame before the 101 answer
        }
        bodyLeft = contentLength(kept);
        headLength = 0;
        lastFour = 0;
        if (bodyLeft == 0) {
            endBody(nowNanos);
        }
    }

    /** The request ends (its body's last byte, or its head's when it has no body) in the read of {@code nowNanos}. */
    private void endBody(final long nowNanos) {
        if (orderBody) {
            orderBody = false;
            onOrder.onOrder(headStartNanos, nowNanos);
        }
    }

    private long contentLength(final int kept) {
        final int at = indexOfIgnoreCase(head, kept, CONTENT_LENGTH);
        if (at < 0) {
            return 0;
        }
        long v = 0;
        for (int k = at + CONTENT_LENGTH.length; k < kept; k++) {
            final byte c = head[k];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        return v;
    }

    private void feedWebSocket(final byte[] buf, final int from, final int n, final long nowNanos) {
        int i = from;
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
                    startPayload(nowNanos);
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
                endFrame(nowNanos);
            }
        }
    }

    private void startPayload(final long nowNanos) {
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
            endFrame(nowNanos);
        }
    }

    private void endFrame(final long nowNanos) {
        if (indexOfIgnoreCase(peek, peeked, wsMarker) >= 0) {
            onOrder.onOrder(frameStartNanos, nowNanos);
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
