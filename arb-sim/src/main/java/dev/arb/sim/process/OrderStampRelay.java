package dev.arb.sim.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay in front of one simulator port (REST and WebSocket share it) that stamps the arrival of
 * each order's first and last byte ({@link System#nanoTime()}, see {@link TickBoard} for why another process may
 * compare it), found by an {@link OrderStartScanner} per connection. Bytes are relayed unchanged, two blocking threads
 * per connection, {@code TCP_NODELAY} on both sides: the relay adds one loopback hop to whatever goes through it.
 *
 * <p><b>Note:</b> thread-safe: {@link #drain()} may be called from any thread while orders arrive.
 */
final class OrderStampRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final String requestLine;
    private final String wsMarker;
    private final List<Long> firsts = new ArrayList<>();
    private final List<Long> lasts = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param targetPort  the simulator's port on 127.0.0.1
     * @param requestLine HTTP request-line prefix of an order
     * @param wsMarker    what marks an order in a WebSocket frame
     * @throws IOException if the listening socket cannot be bound
     */
    OrderStampRelay(final int targetPort, final String requestLine, final String wsMarker) throws IOException {
        this.targetPort = targetPort;
        this.requestLine = requestLine;
        this.wsMarker = wsMarker;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "stamp-accept-" + targetPort);
    }

    /** @return the port clients connect to instead of the simulator's */
    int port() {
        return server.getLocalPort();
    }

    /**
     * Orders' arrival times, one entry per order in both arrays, oldest first.
     *
     * @param firstNanos when each order's first byte was read, ns
     * @param lastNanos  when each order's last byte was read, ns
     */
    record Arrivals(long[] firstNanos, long[] lastNanos) {
    }

    /** @return the orders stamped since the last call (those whose last byte has arrived), oldest first */
    synchronized Arrivals drain() {
        final Arrivals out = new Arrivals(firsts.stream().mapToLong(Long::longValue).toArray(),
            lasts.stream().mapToLong(Long::longValue).toArray());
        firsts.clear();
        lasts.clear();
        return out;
    }

    private synchronized void stamp(final long firstNanos, final long lastNanos) {
        firsts.add(firstNanos);
        lasts.add(lastNanos);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                final Socket client = server.accept();
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                final OrderStartScanner scanner = new OrderStartScanner(requestLine, wsMarker, this::stamp);
                daemon(() -> pump(client, upstream, scanner), "stamp-up-" + targetPort);
                daemon(() -> pump(upstream, client, null), "stamp-down-" + targetPort);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static void daemon(final Runnable r, final String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void pump(final Socket from, final Socket to, final OrderStartScanner scanner) {
        final byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (scanner != null) {
                    scanner.feed(buf, n, System.nanoTime());
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by either side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(final Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
