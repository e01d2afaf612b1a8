package dev.arb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loopback TCP relay in front of a simulator's REST port that timestamps ({@link System#nanoTime()},
 * the harness's clock) every client chunk starting with a given request line prefix, e.g.
 * {@code "POST /v2/orders "}: the moment an order reaches the simulator's socket. Bytes are relayed
 * unchanged in both directions by two threads per connection.
 *
 * <p><b>Note:</b> thread-safe; {@link #arrivals()} is a concurrent queue.
 */
final class TimestampingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final byte[] prefix;
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * @param targetPort  the simulator's port on 127.0.0.1
     * @param requestLine prefix of the request lines to timestamp
     * @throws IOException if the listening socket cannot be bound
     */
    TimestampingProxy(final int targetPort, final String requestLine) throws IOException {
        this.targetPort = targetPort;
        this.prefix = requestLine.getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port to point the client at */
    int port() {
        return server.getLocalPort();
    }

    /** @return arrival times (ns) of the matching requests, oldest first */
    ConcurrentLinkedQueue<Long> arrivals() {
        return arrivals;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                final Socket client = server.accept();
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                start(() -> pump(client, upstream, true), "proxy-up-" + targetPort);
                start(() -> pump(upstream, client, false), "proxy-down-" + targetPort);
            } catch (final IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private static void start(final Runnable r, final String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(final Socket from, final Socket to, final boolean stamp) {
        final byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (stamp && startsWith(buf, n)) {
                    arrivals.add(System.nanoTime());
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (final IOException e) {
            // connection closed by either side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private boolean startsWith(final byte[] buf, final int n) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(final Socket s) {
        try {
            s.close();
        } catch (final IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (final IOException e) {
            // already closed
        }
    }
}
