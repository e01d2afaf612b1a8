package dev.arb.sim.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a plain echo server on 127.0.0.1. */
class ChaosProxyTest {
    private ServerSocket echo;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ChaosProxy proxy;

    @BeforeEach
    void setUp() throws IOException {
        echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        final Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    final Socket s = echo.accept();
                    accepted.add(s);
                    final Thread e = new Thread(() -> pump(s), "echo");
                    e.setDaemon(true);
                    e.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "echo-accept");
        t.setDaemon(true);
        t.start();
        proxy = ChaosProxy.start("127.0.0.1", echo.getLocalPort());
    }

    private static void pump(final Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            final byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) >= 0) {
                out.write(b, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the test closed or reset the connection
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        proxy.close();
        echo.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private Socket connect() throws IOException {
        final Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(final Socket s, final String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRelayBytesUnchangedAndRewriteUrls() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello, venue")).isEqualTo("hello, venue");
        }
        assertThat(proxy.proxied("ws://127.0.0.1:" + echo.getLocalPort() + "/ws-api?version=1.0"))
            .isEqualTo("ws://127.0.0.1:" + proxy.port() + "/ws-api?version=1.0");
        assertThatThrownBy(() -> proxy.proxied("http://127.0.0.1:1/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(proxy.faultsInjected()).isZero();
    }

    @Test
    void shouldDeliverEveryByteInOrderUnderTinyWritesLatencyAndBandwidth() throws IOException {
        proxy.tinyWrites(true);
        proxy.latency(Duration.ofMillis(2), Duration.ofMillis(3));
        proxy.bandwidth(200_000);
        final String text = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(40);
        try (Socket s = connect()) {
            final long t0 = System.nanoTime();
            assertThat(roundTrip(s, text)).isEqualTo(text);
            // both directions are capped: 2 × 1,440 bytes at 200,000 B/s take at least 14 ms (a lower bound, not a speed)
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(14_000_000L);
        }
        assertThat(proxy.injected(ChaosFault.TINY_WRITES)).isEqualTo(1);
        assertThat(proxy.injected(ChaosFault.LATENCY)).isEqualTo(1);
        assertThat(proxy.injected(ChaosFault.BANDWIDTH)).isEqualTo(1);
    }

    @Test
    void shouldKeepAStalledConnectionOpenAndSilentThenDeliver() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            proxy.stall(true);
            s.getOutputStream().write("during".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(s.isClosed()).isFalse();
            proxy.stall(false);
            s.setSoTimeout(5_000);
            assertThat(new String(s.getInputStream().readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("during");
        }
        assertThat(proxy.injected(ChaosFault.STALL)).isEqualTo(1);
    }

    @Test
    void shouldHalfCloseTowardsTheClient() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            assertThat(proxy.halfClose()).isEqualTo(1);
            assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
            s.getOutputStream().write('b'); // the client's sending half is still open
        }
    }

    @Test
    void shouldResetInTheMiddleOfAFrame() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            proxy.resetNextFrame();
            s.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
            final byte[] got = new byte[10];
            int n = 0;
            try {
                int r;
                while (n < 10 && (r = s.getInputStream().read(got, n, 10 - n)) > 0) {
                    n += r;
                }
            } catch (SocketException reset) {
                // connection reset: expected
            }
            assertThat(n).as("only the first half arrives").isLessThan(10);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections() == 0);
    }

    @Test
    void shouldRefuseConnectionsWhileRestartingThenAcceptAgain() throws IOException {
        final Socket before = connect();
        assertThat(roundTrip(before, "a")).isEqualTo("a");
        proxy.restart(Duration.ofSeconds(30));
        assertThatThrownBy(() -> before.getInputStream().read()).isInstanceOf(SocketException.class);
        before.close();
        try (Socket during = connect()) {
            assertThatThrownBy(() -> {
                during.getOutputStream().write('x');
                if (during.getInputStream().read() >= 0) {
                    throw new AssertionError("answered while restarting");
                }
                throw new SocketException("closed");
            }).isInstanceOf(IOException.class);
        }
        proxy.heal();
        try (Socket after = connect()) {
            assertThat(roundTrip(after, "back")).isEqualTo("back");
        }
        assertThat(proxy.injected(ChaosFault.RESTART)).isEqualTo(1);
    }
}
