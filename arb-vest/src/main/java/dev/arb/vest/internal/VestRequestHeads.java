package dev.arb.vest.internal;

import dev.arb.api.Secret;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP/1.1 request heads of {@link VestOrderChannel}, built once per path with {@link VestRestClient#postOrder}'s
 * headers ({@code Host}, the JDK client's {@code User-Agent}, {@code xrestservermm}, {@code Accept}, and for the
 * order paths {@code X-API-KEY}, {@code Content-Type} and the {@code Content-Length} name), and the framing of one
 * request: head, body length, empty line, body (RFC 9112 §6). The API key lives in the head bytes only.
 *
 * <p><b>Note:</b> immutable after construction; thread-safe.
 */
final class VestRequestHeads {
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> heads = new HashMap<>();

    /**
     * @param uri          the REST base URL ({@code http(s)://host[:port]/v2})
     * @param basePath     its path ({@code /v2})
     * @param accountGroup account group for {@code xrestservermm}
     * @param apiKey       the API key, not null
     * @param warmPath     the warm-up GET's path
     */
    VestRequestHeads(final URI uri, final String basePath, final int accountGroup, final Secret apiKey,
        final String warmPath) {
        final String common = "Host: " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + "\r\nUser-Agent: Java-http-client/" + System.getProperty("java.version") + "\r\nxrestservermm: restserver"
            + accountGroup + "\r\nAccept: application/json\r\n";
        for (final String path : new String[] {"/orders", "/orders/cancel"}) {
            heads.put(path, ("POST " + basePath + path + " HTTP/1.1\r\n" + common + "X-API-KEY: " + apiKey.reveal()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.ISO_8859_1));
        }
        heads.put(warmPath, ("GET " + basePath + warmPath + " HTTP/1.1\r\n" + common + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @param path a path given at construction
     * @return its head: complete for the warm-up GET; ending in {@code Content-Length: } for an order path
     */
    byte[] head(final String path) {
        return heads.get(path);
    }

    /**
     * Frames an order request into one buffer from {@code alloc}.
     *
     * @param alloc the connection's allocator
     * @param path  {@code /orders} or {@code /orders/cancel}
     * @param body  the body, readable bytes (not consumed)
     * @return head, length, empty line and body; the caller writes (and so releases) it
     */
    ByteBuf frame(final ByteBufAllocator alloc, final String path, final ByteBuf body) {
        final byte[] head = heads.get(path);
        final ByteBuf out = alloc.directBuffer(head.length + 24 + body.readableBytes());
        out.writeBytes(head);
        VestOrderJsonWriter.writeLong(out, body.readableBytes());
        return out.writeBytes(CRLF2).writeBytes(body, body.readerIndex(), body.readableBytes());
    }
}
