package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TransportException;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vest orders on the Netty keep-alive order channel ({@code VestConfig.nettyOrderEntry}, issue 14 §3) against the
 * simulator: connection reuse, replacement of a connection the server closed, the same error mapping as the
 * HttpClient path, and no thread left after close.
 */
class VestNettyOrderEntryTest {
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private VestSimulator sim;
    private VestAdapter adapter;
    private final AtomicLong bestAsk = new AtomicLong();

    private void start(final boolean netty, final UnaryOperator<VestConfig.Builder> tweak) throws Exception {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(11)), VestSimulator.Options.defaults());
        final String apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
        adapter = new VestAdapter(tweak.apply(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).nettyOrderEntry(netty, 2).accountStream(false)
            .ordersPerSecond(1000).restCallsPerSecond(1000).rateLimitRetries(0).orderPollIntervalMs(20)).build());
        adapter.subscribeOrderBook("BTC-PERP", book -> {
            if (book.isValid()) {
                bestAsk.set(book.bestAsk());
            }
        });
        adapter.connect().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bestAsk.get() > 0);
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private OrderRequest buy(final String cid) {
        return OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).size(100)
            .limitPrice(bestAsk.get() + 5_000).clientOrderId(cid).build();
    }

    private static ExchangeException failure(final CompletableFuture<?> f) throws Exception {
        try {
            f.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ExchangeException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void shouldPlaceOrdersOnTheWarmedConnectionsWithoutOpeningAnother() throws Exception {
        start(true, b -> b);
        await().atMost(WAIT).until(() -> sim.requestCount("GET", "/v2/ticker/latest") == 2);
        final int accepted = sim.connectionsAccepted();
        for (int i = 0; i < 20; i++) {
            assertThat(adapter.placeOrder(buy("warm-" + i)).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(OrderStatus.FILLED);
        }
        assertThat(sim.requestCount("POST", "/v2/orders")).isEqualTo(20);
        assertThat(sim.connectionsAccepted()).isEqualTo(accepted);
    }

    @Test
    void shouldReplaceConnectionsTheServerClosedBeforeTheNextOrder() throws Exception {
        start(true, b -> b);
        assertThat(adapter.placeOrder(buy("before")).get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        final int accepted = sim.connectionsAccepted();
        final int warmups = sim.requestCount("GET", "/v2/ticker/latest");
        sim.closeHttpConnections();
        // both order connections are reopened and warmed in the background, before any order needs them
        await().atMost(WAIT).until(() -> sim.requestCount("GET", "/v2/ticker/latest") == warmups + 2);
        final int reopened = sim.connectionsAccepted();
        assertThat(reopened).isEqualTo(accepted + 2);
        assertThat(adapter.placeOrder(buy("after")).get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.connectionsAccepted()).isEqualTo(reopened);
    }

    @Test
    void shouldMapErrorsAsTheHttpClientPathDoes() throws Exception {
        assertSameFailure(s -> s.rejectNextOrders(1, 3001), OrderRejectedException.class, "3001");
        assertSameFailure(s -> s.respondWithStatus(429, 1), RateLimitedException.class, "1003");
        assertSameFailure(s -> s.respondWithStatus(503, 1), TransportException.class, "503");
        assertSameFailure(s -> {
            s.errorShape(VestSimulator.ErrorShape.DETAIL);
            s.rejectNextOrders(1, 3002);
        }, OrderRejectedException.class, "3002");
        assertSameFailure(s -> s.errorShape(VestSimulator.ErrorShape.HTTP_200), null, null);
    }

    /** Runs one fault on both paths; the exception class, code and message must be the same. */
    private void assertSameFailure(final Consumer<VestSimulator> fault, final Class<?> type, final String code)
        throws Exception {
        final String[] messages = new String[2];
        for (final boolean netty : new boolean[] {false, true}) {
            start(netty, b -> b);
            fault.accept(sim);
            if (type == null) {
                // an error body with HTTP 200: the cancel of an unknown order (3017) on both paths
                final ExchangeException e = failure(adapter.cancelOrder("BTC-PERP", "0xdead"));
                assertThat(e).isInstanceOf(OrderRejectedException.class);
                assertThat(e.venueCode()).isEqualTo("3017");
                messages[netty ? 1 : 0] = e.getClass().getName() + ": " + e.getMessage();
            } else {
                final ExchangeException e = failure(adapter.placeOrder(buy("fault-" + code)));
                assertThat(e).isInstanceOf(type);
                assertThat(e.venueCode()).isEqualTo(code);
                messages[netty ? 1 : 0] = e.getClass().getName() + ": " + e.getMessage();
            }
            stop();
        }
        assertThat(messages[1]).isEqualTo(messages[0]);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldFailAnUnansweredOrderAfterTheRequestTimeoutAndStillPlaceTheNext(final boolean netty) throws Exception {
        start(netty, b -> b.requestTimeoutMs(500));
        sim.delayResponses(1500);
        assertThat(failure(adapter.placeOrder(buy("slow")))).isInstanceOf(ExchangeTimeoutException.class)
            .hasMessageContaining("POST /v2/orders");
        sim.delayResponses(0);
        assertThat(adapter.placeOrder(buy("next")).get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldFailAnOrderWhoseConnectionClosedUnansweredAsATransportFailure(final boolean netty) throws Exception {
        start(netty, b -> b);
        sim.dropNextResponses(1);
        assertThat(failure(adapter.placeOrder(buy("lost")))).isInstanceOf(TransportException.class)
            .hasMessageContaining("POST /v2/orders");
        assertThat(adapter.placeOrder(buy("lost-2")).get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldWriteOnTheSharedLoopAndCloseTheOrderConnectionsWithTheAdapter() throws Exception {
        final NioEventLoopGroup shared = new NioEventLoopGroup(1);
        try {
            start(true, b -> b.eventLoopGroup(shared));
            assertThat(adapter.placeOrder(buy("shared-1")).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(OrderStatus.FILLED);
            assertThat(Thread.getAllStackTraces().keySet()).as("no thread of the order channel's own")
                .noneMatch(t -> t.getName().startsWith("vest-order-io") && t.isAlive());
            final int open = sim.openHttpConnections(); // the order channel's 2 and the JDK client's, which stay
            assertThat(open).isGreaterThanOrEqualTo(2);
            adapter.close();
            adapter = null;
            await().atMost(WAIT).until(() -> sim.openHttpConnections() <= open - 2);
            assertThat(shared.isShuttingDown()).as("the shared loop outlives the adapter").isFalse();
        } finally {
            shared.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
