package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeException;
import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TransportException;
import dev.arb.api.VenueStatus;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vest adapter against the Vest simulator: reconnects, listen keys, the private stream, venue
 * errors and the fault switches, end to end over real sockets on 127.0.0.1.
 */
class VestAdapterAgainstSimulatorTest {
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private VestSimulator sim;
    private VestAdapter adapter;
    private String apiKey;
    private final AtomicLong bestAsk = new AtomicLong();
    private final AtomicLong bestBid = new AtomicLong();
    private final AtomicInteger invalidBooks = new AtomicInteger();
    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final List<Fill> fills = new CopyOnWriteArrayList<>();

    private void start(final VestSimulator.Options options, final UnaryOperator<VestConfig.Builder> tweak)
        throws Exception {
        start(MarketModel.Config.defaults(11), options, tweak);
    }

    private void start(final MarketModel.Config model, final VestSimulator.Options options,
        final UnaryOperator<VestConfig.Builder> tweak) throws Exception {
        sim = VestSimulator.start(new MarketModel(model), options);
        apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
        adapter = new VestAdapter(tweak.apply(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).pingIntervalMs(100).orderPollIntervalMs(20)
            .ordersPerSecond(1000).restCallsPerSecond(1000).reconnectInitialDelayMs(200).reconnectMaxDelayMs(400)
            .rateLimitBackoffMs(100).streamFillWaitMs(2000)).build());
        adapter.subscribeOrderBook("BTC-PERP", book -> {
            if (book.isValid()) {
                bestBid.set(book.bestBid());
                bestAsk.set(book.bestAsk());
            } else {
                invalidBooks.incrementAndGet();
            }
        });
        adapter.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate update) {
                updates.add(update);
            }

            @Override
            public void onFill(final Fill fill) {
                fills.add(fill);
            }
        });
        adapter.connect().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !adapter.isStale("BTC-PERP") && adapter.isAccountStreamOpen());
    }

    private void start() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b);
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

    private static Throwable failure(final CompletableFuture<?> f) throws Exception {
        try {
            f.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private OrderRequest ioc(final String cid, final Side side, final long size) {
        final long limit = side == Side.BUY ? bestAsk.get() + 5_000 : bestBid.get() - 5_000;
        return OrderRequest.builder().market("BTC-PERP").side(side).type(OrderType.LIMIT).size(size).limitPrice(limit)
            .clientOrderId(cid).build();
    }

    @Test
    void shouldReconnectByItselfAfterADroppedSocketWithTheBookStaleMeanwhileAndFreshAfter() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.reconnectInitialDelayMs(500).reconnectMaxDelayMs(500));
        final int invalidBefore = invalidBooks.get();
        sim.dropConnections();
        await().atMost(WAIT).until(() -> !adapter.isConnected());
        assertThat(adapter.isStale("BTC-PERP")).isTrue();
        assertThat(invalidBooks.get()).isGreaterThan(invalidBefore);
        assertThat(adapter.bookAgeMs("BTC-PERP")).isGreaterThanOrEqualTo(0);
        await().atMost(WAIT).until(() -> adapter.isConnected() && !adapter.isStale("BTC-PERP"));
        assertThat(adapter.reconnects()).isPositive();
        final long step = sim.currentStep();
        await().atMost(WAIT).until(() -> sim.currentStep() > step + 2 && adapter.bookAgeMs("BTC-PERP") < 1000);
        await().atMost(WAIT).until(adapter::isAccountStreamOpen);
        assertThat(adapter.placeOrder(ioc("after-drop", Side.BUY, 100)).get(10, TimeUnit.SECONDS).status())
            .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldTreatAnUnansweredPingAsStaleAndReconnect() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.pongTimeoutMs(300));
        sim.stopAnsweringPing(true);
        await().atMost(WAIT).until(() -> adapter.reconnects() > 0);
        assertThat(invalidBooks.get()).isPositive();
        sim.stopAnsweringPing(false);
        await().atMost(WAIT).until(() -> adapter.isConnected() && !adapter.isStale("BTC-PERP"));
        assertThat(sim.pingsReceived()).isPositive();
    }

    @Test
    void shouldRenewTheListenKeyAndCreateANewOneWhenTheStreamSaysItExpired() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.listenKeyRenewIntervalMs(150));
        await().atMost(WAIT).until(() -> sim.listenKeyRenewals() >= 2 && adapter.listenKeyRenewals() >= 2);
        assertThat(sim.listenKeysCreated()).isEqualTo(1);
        sim.expireListenKeys();
        await().atMost(WAIT).until(() -> sim.listenKeysCreated() == 2 && adapter.listenKeysCreated() == 2
            && adapter.isAccountStreamOpen());
        sim.ackIdOnly(true);
        final OrderUpdate u = adapter.placeOrder(ioc("after-expiry", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.requestCount("GET", "/v2/orders")).isZero();
    }

    @Test
    void shouldCreateANewListenKeyWhenTheRenewalIsAnswered1125() throws Exception {
        start(VestSimulator.Options.builder().listenKeyLifetimeMs(100).build(), b -> b.listenKeyRenewIntervalMs(400));
        await().atMost(WAIT).until(() -> sim.listenKeysCreated() >= 2);
        assertThat(sim.requestCount("PUT", "/v2/account/listenKey")).isPositive();
        assertThat(sim.listenKeyRenewals()).isZero();
    }

    @Test
    void shouldReportAFillKnownOnlyFromThePrivateStream() throws Exception {
        start();
        sim.ackIdOnly(true);
        final OrderUpdate u = adapter.placeOrder(ioc("stream-fill", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(100);
        assertThat(u.avgFillPrice()).isPositive();
        assertThat(u.feeUsd()).isPositive();
        assertThat(u.clientOrderId()).isEqualTo("stream-fill");
        assertThat(sim.requestCount("GET", "/v2/orders")).isZero();
        await().atMost(WAIT).until(() -> fills.size() == 1);
        assertThat(fills.get(0).size()).isEqualTo(100);
        assertThat(fills.get(0).clientOrderId()).isEqualTo("stream-fill");
        assertThat(fills.get(0).price()).isEqualTo(u.avgFillPrice());
        assertThat(updates).extracting(OrderUpdate::status).contains(OrderStatus.NEW, OrderStatus.FILLED);
    }

    @Test
    void shouldPollWithABoundWhenTheStreamIsLate() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.streamFillWaitMs(100));
        sim.ackIdOnly(true);
        sim.delayOrderEvents(3_000);
        final OrderUpdate u = adapter.placeOrder(ioc("late-stream", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(100);
        assertThat(sim.requestCount("GET", "/v2/orders")).isPositive();
        await().atMost(WAIT).until(() -> fills.size() == 1);
    }

    @Test
    void shouldSurfaceSynchronousAndAsynchronousRejectionsWithTheVenueCode() throws Exception {
        start();
        sim.rejectNextOrders(1, 3001);
        final Throwable sync = failure(adapter.placeOrder(ioc("rej-sync", Side.BUY, 100)));
        assertThat(sync).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) sync).venueCode()).isEqualTo("3001");

        sim.rejectAsyncNext(1, 3010);
        sim.ackIdOnly(true);
        final Throwable async = failure(adapter.placeOrder(ioc("rej-async", Side.BUY, 100)));
        assertThat(async).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) async).venueCode()).isEqualTo("3010");
        await().atMost(WAIT).until(() -> updates.stream().anyMatch(u -> u.status() == OrderStatus.REJECTED));
        final OrderUpdate rejected = updates.stream().filter(u -> u.status() == OrderStatus.REJECTED).findFirst()
            .orElseThrow();
        assertThat(rejected.rejectCode()).isEqualTo("3010");
        assertThat(rejected.clientOrderId()).isEqualTo("rej-async");
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();
    }

    @Test
    void shouldMapEveryErrorBodyShapeToTheVenueCode() throws Exception {
        start();
        for (final VestSimulator.ErrorShape shape : VestSimulator.ErrorShape.values()) {
            sim.errorShape(shape);
            sim.rejectNextOrders(1, 3002);
            final Throwable t = failure(adapter.placeOrder(ioc("shape-" + shape, Side.BUY, 100)));
            assertThat(t).as(shape.name()).isInstanceOf(OrderRejectedException.class);
            assertThat(((ExchangeException) t).venueCode()).as(shape.name()).isEqualTo("3002");
        }
        sim.errorShape(VestSimulator.ErrorShape.DETAIL);
        sim.respondWithStatus(503, 1);
        assertThat(failure(adapter.positions())).isInstanceOf(TransportException.class);
    }

    @Test
    void shouldBackOffOn429AndResendTheSameOrderOnce() throws Exception {
        start();
        sim.respondWithStatus(429, 2);
        final OrderUpdate u = adapter.placeOrder(ioc("rl-1", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(adapter.rateLimitRetries()).isEqualTo(2);
        assertThat(sim.receivedOrderNonces(apiKey)).hasSize(1);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
        final List<Long> arrivals = sim.requestArrivalsMs("POST", "/v2/orders");
        assertThat(arrivals).hasSize(3);
        // backoff: 100 ms then 200 ms, each with at most -20 % jitter
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(79);
        assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThanOrEqualTo(159);
    }

    @Test
    void shouldResolveALostAcknowledgementByClientOrderIdWithoutASecondOrder() throws Exception {
        start();
        sim.dropNextResponses(1);
        final OrderRequest r = ioc("lost-ack", Side.BUY, 100);
        assertThat(failure(adapter.placeOrder(r))).isInstanceOf(TransportException.class);
        final OrderUpdate status = adapter.orderStatus("BTC-PERP", "lost-ack").get(10, TimeUnit.SECONDS);
        assertThat(status.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(status.filledSize()).isEqualTo(100);
        final OrderUpdate retried = adapter.placeOrder(r).get(10, TimeUnit.SECONDS);
        assertThat(retried.venueOrderId()).isEqualTo(status.venueOrderId());
        assertThat(sim.receivedOrderNonces(apiKey)).hasSize(1);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
    }

    @Test
    void shouldResolveATimedOutPlacementThatTheVenueExecuted() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.requestTimeoutMs(300));
        sim.delayResponses(1_000);
        final Throwable t = failure(adapter.placeOrder(ioc("slow", Side.BUY, 100)));
        assertThat(t).isInstanceOf(dev.arb.api.ExchangeTimeoutException.class);
        sim.delayResponses(0);
        final OrderUpdate u = adapter.orderStatus("BTC-PERP", "slow").get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.clientOrderId()).isEqualTo("slow");
        assertThat(sim.receivedOrderNonces(apiKey)).hasSize(1);
    }

    @Test
    void shouldAnswerNotFoundOnlyAfterTheReceiveWindowForAnOrderThatNeverArrived() throws Exception {
        start(VestSimulator.Options.defaults(), b -> b.recvWindowMs(300).rateLimitRetries(0));
        sim.respondWithStatus(503, 1);
        assertThat(failure(adapter.placeOrder(ioc("never", Side.BUY, 100)))).isInstanceOf(TransportException.class);
        final long sentAt = sim.requestArrivalsMs("POST", "/v2/orders").get(0);
        final Throwable t = failure(adapter.orderStatus("BTC-PERP", "never"));
        final long answeredAt = System.currentTimeMillis();
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("NOT_FOUND");
        // not before the receive window has closed: the venue could still have accepted it until then
        assertThat(answeredAt).isGreaterThanOrEqualTo(sentAt + 300);
        assertThat(sim.requestCount("GET", "/v2/orders")).isBetween(1, 2);
        assertThat(failure(adapter.orderStatus("BTC-PERP", "not-ours"))).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void shouldReportPartialFillsOnDemandAsCanceledWithTheFilledSize() throws Exception {
        start();
        sim.limitNextFills(1, new BigDecimal("0.0040"));
        final OrderUpdate u = adapter.placeOrder(ioc("partial", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isEqualTo(40);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0040");
        await().atMost(WAIT).until(() -> fills.size() == 1);
        assertThat(fills.get(0).size()).isEqualTo(40);
    }

    @Test
    void shouldSetLeverageAndReadPositionsFillsAndOpenOrders() throws Exception {
        start();
        adapter.setLeverage("BTC-PERP", 5).get(10, TimeUnit.SECONDS);
        assertThat(sim.leverage(apiKey, "BTC-PERP")).isEqualTo(5);
        final long since = System.currentTimeMillis() - 1;
        final OrderUpdate u = adapter.placeOrder(ioc("pos-1", Side.SELL, 200)).get(10, TimeUnit.SECONDS);
        final List<Position> positions = adapter.positions().get(10, TimeUnit.SECONDS);
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).size()).isEqualTo(-200);
        assertThat(positions.get(0).entryPrice()).isEqualTo(u.avgFillPrice());
        final List<Fill> recent = adapter.recentFills("BTC-PERP", since).get(10, TimeUnit.SECONDS);
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).clientOrderId()).isEqualTo("pos-1");
        assertThat(recent.get(0).size()).isEqualTo(200);
        assertThat(recent.get(0).side()).isEqualTo(Side.SELL);
        assertThat(adapter.openOrders(null).get(10, TimeUnit.SECONDS)).isEmpty();
        final Throwable lower = failure(adapter.setLeverage("BTC-PERP", 2));
        assertThat(((ExchangeException) lower).venueCode()).isEqualTo("3021");
    }

    @Test
    void shouldTapEveryFrameAndKeepTickers() throws Exception {
        start();
        final AtomicInteger frames = new AtomicInteger();
        final List<String> first = new CopyOnWriteArrayList<>();
        adapter.setWireTap((venue, nanos, binary, data, offset, length) -> {
            if (frames.getAndIncrement() == 0) {
                first.add(new String(data, offset, length, StandardCharsets.UTF_8));
            }
        });
        await().atMost(WAIT).until(() -> frames.get() > 5);
        assertThat(first.get(0)).startsWith("{");
        await().atMost(WAIT).until(() -> adapter.ticker("BTC-PERP") != null);
        assertThat(adapter.ticker("BTC-PERP").markPrice()).isPositive();
        assertThat(adapter.ticker("BTC-PERP").isTrading()).isTrue();
        assertThat(adapter.venueStatus()).isEqualTo(VenueStatus.OK);
        adapter.setWireTap(null);
        final int seen = frames.get();
        final long step = sim.currentStep();
        await().atMost(WAIT).until(() -> sim.currentStep() > step + 3);
        assertThat(frames.get()).isEqualTo(seen);
    }

    @Test
    void shouldDeliverOurFillsOnTheTradesChannelAndReadBalancesAndTheVenueNonce() throws Exception {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(5)), VestSimulator.Options.defaults());
        apiKey = sim.registerSigner(VestSigner.fromPrivateKey(Secret.of(KEY)).address());
        final UnaryOperator<VestConfig.Builder> cfg = b -> b.restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).pingIntervalMs(100).ordersPerSecond(1000)
            .restCallsPerSecond(1000);
        adapter = new VestAdapter(cfg.apply(VestConfig.builder()).build());
        final List<dev.arb.vest.VestTrade> trades = new CopyOnWriteArrayList<>();
        adapter.addTradeListener(trades::add);
        adapter.subscribeOrderBook("BTC-PERP", book -> {
            if (book.isValid()) {
                bestAsk.set(book.bestAsk());
            }
        });
        adapter.connect().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bestAsk.get() > 0 && adapter.isAccountStreamOpen());
        final OrderUpdate u = adapter.placeOrder(ioc("t-1", Side.BUY, 100)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !trades.isEmpty());
        assertThat(trades.get(0).qty()).isEqualByComparingTo("0.0100");
        assertThat(trades.get(0).price().movePointRight(2).longValueExact()).isEqualTo(u.avgFillPrice());
        assertThat(adapter.balances().get(10, TimeUnit.SECONDS)).containsKey("USDC");
        final long used = sim.receivedOrderNonces(apiKey).get(0);
        try (VestAdapter restarted = new VestAdapter(cfg.apply(VestConfig.builder()).build())) {
            restarted.connect().get(10, TimeUnit.SECONDS);
            assertThat(restarted.lastNonce()).isGreaterThanOrEqualTo(used);
        }
    }

    @Test
    void shouldReportTheSimulatorsHourlyFundingRateFromTheTickersChannel() throws Exception {
        start(MarketModel.Config.defaults(11).withFunding(0.000010, -0.000005, 0), VestSimulator.Options.defaults(),
            b -> b);
        await().atMost(WAIT).until(() -> !Double.isNaN(adapter.fundingRatePerHour("BTC-PERP")));
        // Vest's oneHrFundingRate is already per hour: the model's venue-A rate as is
        assertThat(adapter.fundingRatePerHour("BTC-PERP")).isCloseTo(0.000010, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(adapter.fundingRatePerHour("ETH-PERP")).isNaN();
    }

    @Test
    void shouldPayHourlyFundingOnAnOpenPositionFromTheBalance() throws Exception {
        start(MarketModel.Config.defaults(11).withFunding(0.000010, -0.000005, 0),
            VestSimulator.Options.builder().manualStepping(true).fundingHourMs(1_000).build(), b -> b.maxBookAgeMs(60_000));
        final BigDecimal before = adapter.balances().get(10, TimeUnit.SECONDS).get("USDC");
        assertThat(before).isEqualByComparingTo("1000000");
        assertThat(adapter.placeOrder(ioc("fund-1", Side.BUY, 1_000)).get(10, TimeUnit.SECONDS).filledSize())
            .isEqualTo(1_000); // 0.1 BTC long
        for (int i = 0; i < 10; i++) { // 10 steps of 100 ms: exactly one funding hour of 1000 simulated ms
            sim.advance();
        }
        await().atMost(WAIT).until(() -> adapter.ticker("BTC-PERP") != null
            && adapter.ticker("BTC-PERP").markPrice() != null);
        final double mark = adapter.ticker("BTC-PERP").markPrice().doubleValue();
        final BigDecimal after = adapter.balances().get(10, TimeUnit.SECONDS).get("USDC");
        // a long pays a positive rate: 0.1 × 0.00001 × mark ≈ 0.065 USD
        assertThat(before.subtract(after).doubleValue()).isCloseTo(0.1 * 0.000010 * mark,
            org.assertj.core.data.Offset.offset(0.1 * 0.000010 * mark * 0.01));
    }

    @Test
    void shouldStepOnlyOnAdvanceWhenManual() throws Exception {
        start(VestSimulator.Options.builder().manualStepping(true).build(), b -> b.maxBookAgeMs(60_000));
        final long step = sim.currentStep();
        final CompletableFuture<Long> received = new CompletableFuture<>();
        adapter.subscribeOrderBook("BTC-PERP", book -> {
            if (book.isValid() && sim.currentStep() > step) {
                received.complete(book.receivedNanos());
            }
        });
        final long sent = sim.advance();
        assertThat(sim.currentStep()).isEqualTo(step + 1);
        assertThat(received.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(sent);
    }
}
