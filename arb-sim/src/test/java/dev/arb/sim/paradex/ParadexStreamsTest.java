package dev.arb.sim.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarginState;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.VenueStatus;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link ParadexAdapter} against {@link ParadexSimulator} on its low-latency paths: SBE binary
 * market data on the bare delta channel (gap → invalid → resync → valid), JSON deltas, the authenticated
 * WebSocket (private {@code orders}/{@code fills}, {@code order.create}, {@code order.cancel_on_disconnect}),
 * JWT expiry during a session and the fault switches other modules rely on.
 */
class ParadexStreamsTest {
    private static final String MARKET = "BTC-USD-PERP";
    private static final String ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";

    private ParadexSimulator sim;
    private ParadexAdapter adapter;
    private final List<Boolean> validity = new CopyOnWriteArrayList<>();
    private final List<OrderUpdate> orderUpdates = new CopyOnWriteArrayList<>();
    private final List<Fill> fills = new CopyOnWriteArrayList<>();
    private final OrderBook seen = new OrderBook("paradex", MARKET, 8, 8, 256);

    @AfterEach
    void tearDown() {
        if (adapter != null) {
            adapter.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** A market that never moves: bid 65000.0 / ask 65000.1. */
    private static MarketModel flatModel() {
        return new MarketModel(new MarketModel.Config(3, 65_000.0, 100, 0, 0, 0, 0, 0, 0, 0, 1, 1));
    }

    private void start(final MarketModel model, final ParadexSimulator.Options options,
        final UnaryOperator<ParadexConfig.Builder> tweak) throws Exception {
        sim = ParadexSimulator.start(model, options);
        final Secret key = ParadexSigner.randomPrivateKey();
        sim.registerAccount(ACCOUNT, new ParadexSigner(sim.chainId(), ACCOUNT, key).publicKey());
        adapter = new ParadexAdapter(tweak.apply(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .chainId(sim.chainId()).accountAddress(ACCOUNT).privateKey(key).orderPollIntervalMs(10).reconnectDelayMs(50))
            .build());
        adapter.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate update) {
                orderUpdates.add(update);
            }

            @Override
            public void onFill(final Fill fill) {
                fills.add(fill);
            }
        });
        adapter.connect().get(30, TimeUnit.SECONDS);
        adapter.subscribeOrderBook(MARKET, b -> {
            synchronized (seen) {
                seen.copyFrom(b);
            }
            validity.add(b.isValid());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !adapter.isStale(MARKET));
    }

    private static ParadexSimulator.Options manual() {
        return ParadexSimulator.Options.builder().manualStepping(true).build();
    }

    /** @return the last state the adapter's book listener saw (copied on the event loop) */
    private OrderBook bookCopy() {
        final OrderBook copy = new OrderBook("paradex", MARKET, 8, 8, 256);
        synchronized (seen) {
            copy.copyFrom(seen);
        }
        return copy;
    }

    private void awaitBookMatchesSimulator() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            final OrderBook b = bookCopy();
            final SimExchange.Book expected = sim.lastBook(MARKET);
            assertThat(b.isValid()).isTrue();
            assertThat(b.sequence()).isEqualTo(sim.bookSeq(MARKET));
            assertThat(b.bidLevels()).isEqualTo(expected.bidPrices().length);
            assertThat(b.askLevels()).isEqualTo(expected.askPrices().length);
            for (int i = 0; i < b.bidLevels(); i++) {
                assertThat(b.bidPrice(i)).isEqualTo(expected.bidPrices()[i]);
                assertThat(b.bidSize(i)).isEqualTo(expected.bidSizes()[i]);
            }
            for (int i = 0; i < b.askLevels(); i++) {
                assertThat(b.askPrice(i)).isEqualTo(expected.askPrices()[i]);
                assertThat(b.askSize(i)).isEqualTo(expected.askSizes()[i]);
            }
        });
    }

    @Test
    void shouldApplySbeDeltasToTheSameBookTheSimulatorQuotes() throws Exception {
        start(new MarketModel(MarketModel.Config.defaults(11)), manual(), b -> b.sbe(true));
        for (int i = 0; i < 20; i++) {
            sim.advance();
        }
        awaitBookMatchesSimulator();
        assertThat(adapter.sequenceGaps()).isZero();
        assertThat(adapter.malformedMessages()).isZero();
    }

    @Test
    void shouldInvalidateAtOnceOnAGapThenResyncFromAFreshSnapshot() throws Exception {
        start(new MarketModel(MarketModel.Config.defaults(12)), manual(), b -> b.sbe(true));
        sim.advance();
        awaitBookMatchesSimulator();
        validity.clear();
        sim.injectGap();
        sim.advance();
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.sequenceGaps() == 1);
        assertThat(validity).contains(false);
        // the adapter resubscribed: the new subscription opens with a snapshot and the book is valid again
        await().atMost(Duration.ofSeconds(30)).until(() -> !adapter.isStale(MARKET));
        sim.advance();
        awaitBookMatchesSimulator();
        assertThat(validity.indexOf(false)).isLessThan(validity.lastIndexOf(true));
        assertThat(adapter.sequenceGaps()).isEqualTo(1);
    }

    @Test
    void shouldResyncJsonDeltasWithTheSameSequencingRules() throws Exception {
        start(new MarketModel(MarketModel.Config.defaults(13)), manual(), b -> b.bookChannelTemplate("order_book.%s.deltas"));
        for (int i = 0; i < 10; i++) {
            sim.advance();
        }
        awaitBookMatchesSimulator();
        sim.injectGap();
        sim.advance();
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.sequenceGaps() == 1);
        sim.advance();
        awaitBookMatchesSimulator();
    }

    @Test
    void shouldPlaceOverTheWebSocketAndReceiveTheFillOnThePrivateStream() throws Exception {
        start(flatModel(), manual(), b -> b.sbe(true).wsOrderEntry(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        final OrderUpdate u = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.03", 8)).limitPrice(FixedPoint.parse("65000.1", 8))
            .clientOrderId("ws-1").build()).get(30, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(FixedPoint.parse("0.03", 8));
        await().atMost(Duration.ofSeconds(30)).until(() -> !fills.isEmpty());
        assertThat(fills.get(0).clientOrderId()).isEqualTo("ws-1");
        assertThat(fills.get(0).price()).isEqualTo(FixedPoint.parse("65000.1", 8));
        assertThat(orderUpdates).anyMatch(o -> "ws-1".equals(o.clientOrderId()) && o.status().isTerminal());
        assertThat(sim.requestCount("WS", "order.create")).isEqualTo(1);
        assertThat(sim.requestCount("POST", "/v1/orders")).isZero();
        assertThat(sim.receivedClientIds(ACCOUNT)).containsExactly("ws-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.lastStreamedPosition(MARKET) != null);
        assertThat(adapter.lastStreamedPosition(MARKET).size()).isEqualTo(FixedPoint.parse("0.03", 8));
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.lastAccountSummary() != null);
        assertThat(adapter.lastAccountSummary().status()).isEqualTo("ACTIVE");
        // 100000 USD less the taker fee 0.03 x 65000.1 x 0.0003, plus the unrealized PnL at the mid,
        // 0.03 x (65000.05 - 65000.1)
        assertThat(adapter.lastAccountSummary().accountValueUsd()).isEqualByComparingTo("99999.4134991");
    }

    @Test
    void shouldPushTheMarginAndLiquidateBelowTheMaintenanceMargin() throws Exception {
        final MarketModel model = flatModel();
        start(model, manual(), b -> b.wsOrderEntry(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        sim.setCollateral(ACCOUNT, new BigDecimal("1000"));
        // no account push yet: read over GET /v1/account and GET /v1/positions
        final MarginState flat = adapter.marginState().get(30, TimeUnit.SECONDS);
        assertThat(flat.accountValueUsd()).isEqualByComparingTo("1000");
        assertThat(flat.distanceToLiquidationPct()).isInfinite();
        assertThat(sim.requestCount("GET", "/v1/account")).isEqualTo(1);
        // short 0.1 at the bid 65000: notional 6500, maintenance margin 5 % = 325
        assertThat(adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.1", 8)).limitPrice(FixedPoint.parse("64000", 8))
            .clientOrderId("liq-1").build()).get(30, TimeUnit.SECONDS).filledSize()).isEqualTo(FixedPoint.parse("0.1", 8));
        sim.advance();
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.marginState().get().hasPosition());
        final MarginState m = adapter.marginState().get(30, TimeUnit.SECONDS);
        assertThat(m.maintenanceMarginUsd()).isEqualByComparingTo("325.00025");
        // value = 1000 - fee 1.95 - 0.005 unrealized = 998.045; liq = (998.045 + 0.1 x 65000.05) / (0.1 x 1.05)
        assertThat(m.positions().get(0).liquidationPriceUsd().doubleValue()).isCloseTo(71410.0, within(0.5));
        assertThat(m.distanceToLiquidationPct()).isCloseTo(9.86, within(0.01));
        assertThat(sim.liquidations(ACCOUNT)).isZero();
        // the price rises 12 %: past the short's liquidation price
        model.pushPrice(sim.step() + 1, 1, 0.12);
        sim.advance();
        assertThat(sim.liquidations(ACCOUNT)).isEqualTo(1);
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "LIQUIDATION".equals(adapter.lastAccountSummary().status()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !adapter.marginState().get().hasPosition());
        // the loss is realized: about 0.1 x 65000 x 12 % = 780 less
        assertThat(adapter.lastAccountSummary().accountValueUsd().doubleValue()).isCloseTo(1000 - 1.95 - 780.0,
            within(1.0));
    }

    @Test
    void shouldFillPartiallyOnDemand() throws Exception {
        start(flatModel(), manual(), b -> b.wsOrderEntry(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        sim.limitNextFills(1, new BigDecimal("0.01"));
        final OrderUpdate u = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.03", 8)).limitPrice(FixedPoint.parse("65000", 8))
            .clientOrderId("partial-1").build()).get(30, TimeUnit.SECONDS);
        assertThat(u.filledSize()).isEqualTo(FixedPoint.parse("0.01", 8));
        assertThat(u.status()).isIn(OrderStatus.PARTIALLY_FILLED, OrderStatus.CANCELED);
    }

    @Test
    void shouldCancelRestingOrdersWhenTheConnectionDrops() throws Exception {
        start(flatModel(), manual(), b -> b.wsOrderEntry(true).cancelOnDisconnect(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        final OrderUpdate resting = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY)
            .type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).size(FixedPoint.parse("0.01", 8))
            .limitPrice(FixedPoint.parse("64000", 8)).clientOrderId("rest-1").build()).get(30, TimeUnit.SECONDS);
        assertThat(resting.status().isTerminal()).isFalse();
        assertThat(adapter.openOrders(MARKET).get(30, TimeUnit.SECONDS)).hasSize(1);
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(adapter.openOrders(MARKET).get(30, TimeUnit.SECONDS)).isEmpty());
        assertThat(adapter.orderStatus(MARKET, "rest-1").get(30, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void shouldKeepTradingWhenTheJwtExpiresDuringTheSession() throws Exception {
        start(flatModel(), ParadexSimulator.Options.builder().manualStepping(true).jwtLifetimeSeconds(3).build(),
            b -> b.jwtRefreshBeforeExpiryMs(1500).jwtRefreshJitterMs(0));
        final int authsAtStart = sim.requestCount("POST", "/v1/auth");
        // proactive refresh before expiry, with no private call in between
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.requestCount("POST", "/v1/auth") > authsAtStart);
        // every token revoked: the next private call gets 401 INVALID_TOKEN, re-authenticates and succeeds
        sim.expireTokens();
        final OrderUpdate u = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000.1", 8))
            .clientOrderId("after-expiry").build()).get(30, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        // the WebSocket stays authenticated after its JWT expired (protocol reference §2.2)
        assertThat(adapter.isStreamAuthenticated()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> fills.stream().anyMatch(f -> "after-expiry".equals(f.clientOrderId())));
    }

    @Test
    void shouldStopEntriesWhileTheVenueIsCancelOnly() throws Exception {
        start(flatModel(), manual(), b -> b);
        sim.setSystemState("cancel_only");
        assertThat(adapter.refreshVenueStatus().get(30, TimeUnit.SECONDS)).isEqualTo(VenueStatus.CANCEL_ONLY);
        final ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> adapter.placeOrder(
            OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.IOC)
                .size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000.1", 8)).clientOrderId("co-1").build())
            .get(30, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(e.getCause()).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) e.getCause()).venueCode()).isEqualTo("SYSTEM_STATUS_CANCEL_ONLY");
        assertThat(sim.receivedClientIds(ACCOUNT)).isEmpty();
    }

    @Test
    void shouldRecordEveryReceivedFrameThroughTheWireTap() throws Exception {
        start(flatModel(), manual(), b -> b.sbe(true));
        final List<Boolean> binary = new CopyOnWriteArrayList<>();
        adapter.setWireTap((venue, nanos, isBinary, data, offset, length) -> binary.add(isBinary));
        sim.advance();
        sim.advance();
        await().atMost(Duration.ofSeconds(30)).until(() -> binary.stream().filter(b -> b).count() >= 2);
    }
    @Test
    void shouldDeriveAnAccountFromAnEthereumKeyOnboardItAndTrade() throws Exception {
        sim = ParadexSimulator.start(flatModel(), manual());
        final dev.arb.paradex.ParadexOnboarding onboarding = new dev.arb.paradex.ParadexOnboarding(sim.restBaseUrl(),
            Duration.ofSeconds(5));
        final dev.arb.paradex.ParadexOnboarding.SystemConfig sys = onboarding.systemConfig().get(30, TimeUnit.SECONDS);
        // the L1 key of paradex-py's derivation test; the simulator serves the testnet class hashes and L1 chain id
        final dev.arb.paradex.ParadexDerivedAccount acct = dev.arb.paradex.ParadexAccountDerivation.derive(
            Secret.of("0xf8e4d1d772cdd44e5e77615ad11cc071c94e4c06dc21150d903f28e6aa6abdff"), sys.l1ChainId(),
            sys.accountProxyClassHash(), sys.accountClassHash());
        assertThat(acct.address()).isEqualTo(ACCOUNT);
        onboarding.onboard(sys.chainId(), acct).get(30, TimeUnit.SECONDS);
        adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .chainId(sys.chainId()).accountAddress(acct.address()).privateKey(acct.l2PrivateKey()).sbe(true)
            .wsOrderEntry(true).orderPollIntervalMs(10).build());
        adapter.connect().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        final OrderUpdate u = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000.1", 8))
            .clientOrderId("derived-1").build()).get(30, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
    }
    @Test
    void shouldDeliverBboTradesAndMarketSummaryDecodedFromSbe() throws Exception {
        start(flatModel(), manual(), b -> b.sbe(true).wsOrderEntry(true));
        final List<Long> marks = new CopyOnWriteArrayList<>();
        final List<Long> bboBids = new CopyOnWriteArrayList<>();
        final List<long[]> trades = new CopyOnWriteArrayList<>();
        adapter.subscribeMarketData(MARKET, new dev.arb.paradex.sbe.ParadexSbeListener() {
            @Override
            public void onBbo(final dev.arb.paradex.sbe.BboUpdate bbo) {
                bboBids.add(bbo.bidPrice());
            }

            @Override
            public void onTrade(final dev.arb.paradex.sbe.TradeUpdate trade) {
                trades.add(new long[] {trade.price(), trade.size()});
            }

            @Override
            public void onMarketSummary(final dev.arb.paradex.sbe.MarketSummaryUpdate summary) {
                marks.add(summary.markPrice());
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sim.advance();
            assertThat(marks).isNotEmpty();
        });
        assertThat(marks.get(0)).isEqualTo(FixedPoint.parse("65000.05", 8));
        assertThat(bboBids).contains(FixedPoint.parse("65000", 8));
        adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000.1", 8))
            .clientOrderId("trade-1").build()).get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !trades.isEmpty());
        assertThat(trades.get(0)).containsExactly(FixedPoint.parse("65000.1", 8), FixedPoint.parse("0.01", 8));
    }
    /** The flat market with constant funding: Paradex (venue B) at −0.0005 %/h. */
    private static MarketModel flatModelWithFunding() {
        return new MarketModel(new MarketModel.Config(3, 65_000.0, 100, 0, 0, 0, 0, 0, 0, 0, 1, 1)
            .withFunding(0.000010, -0.000005, 0));
    }

    @Test
    void shouldReportTheFundingRatePerHourFromSbeSummariesWithoutSubscribingThemExplicitly() throws Exception {
        start(flatModelWithFunding(), manual(), b -> b.sbe(true));
        assertThat(adapter.fundingRatePerHour(MARKET)).isNaN();
        // the simulator publishes −0.000005 × 8 = −0.00004 per 8 h funding period; the adapter divides by 8
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sim.advance();
            assertThat(adapter.fundingRatePerHour(MARKET)).isCloseTo(-0.000005, org.assertj.core.data.Offset.offset(1e-15));
        });
    }

    @Test
    void shouldReportTheFundingRatePerHourFromJsonSummaries() throws Exception {
        start(flatModelWithFunding(), ParadexSimulator.Options.builder().manualStepping(true).fundingPeriodHours(1).build(),
            b -> b.sbe(false));
        // a 1 h funding period (GET /markets funding_period_hours): the published rate is already per hour
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sim.advance();
            assertThat(adapter.fundingRatePerHour(MARKET)).isCloseTo(-0.000005, org.assertj.core.data.Offset.offset(1e-15));
        });
    }

    @Test
    void shouldAccrueFundingContinuouslyAndSettleItOnTheNextFill() throws Exception {
        start(flatModelWithFunding(), ParadexSimulator.Options.builder().manualStepping(true).fundingHourMs(1_000).build(),
            b -> b.wsOrderEntry(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000.1", 8))
            .clientOrderId("fund-open").build()).get(30, TimeUnit.SECONDS);
        assertThat(sim.unrealizedFundingUsd(ACCOUNT, MARKET)).isZero();
        for (int i = 0; i < 10; i++) { // 10 steps of 100 ms = one funding hour of 1000 simulated ms
            sim.advance();
        }
        // a long receives a negative rate: 0.01 BTC × 65000.05 × 0.000005 per hour
        assertThat(sim.unrealizedFundingUsd(ACCOUNT, MARKET).doubleValue())
            .isCloseTo(0.01 * 65_000.05 * 0.000005, org.assertj.core.data.Offset.offset(1e-9));
        adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("65000", 8))
            .reduceOnly(true).clientOrderId("fund-close").build()).get(30, TimeUnit.SECONDS);
        assertThat(sim.unrealizedFundingUsd(ACCOUNT, MARKET)).isZero();
    }

    @Test
    void shouldPlaceAndCancelInBatchesAndCancelByClientIdOverTheWebSocket() throws Exception {
        start(flatModel(), manual(), b -> b.wsOrderEntry(true));
        await().atMost(Duration.ofSeconds(30)).until(adapter::isStreamAuthenticated);
        final List<OrderUpdate> acks = adapter.placeOrders(List.of(
            OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("64000", 8)).clientOrderId("b-1").build(),
            OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("64000.5", 8)).clientOrderId("b-2").build(),
            OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
                .size(FixedPoint.parse("0.01", 8)).limitPrice(FixedPoint.parse("64001", 8)).clientOrderId("b-1").build()))
            .get(30, TimeUnit.SECONDS);
        assertThat(acks).extracting(OrderUpdate::clientOrderId).containsExactly("b-1", "b-2", "b-1");
        assertThat(acks.get(0).status().isTerminal()).isFalse();
        assertThat(acks.get(2).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(acks.get(2).rejectCode()).isEqualTo("DUPLICATED_CLIENT_ID");
        assertThat(sim.requestCount("WS", "order.create_batch")).isEqualTo(1);
        assertThat(adapter.openOrders(MARKET).get(30, TimeUnit.SECONDS)).hasSize(2);

        adapter.cancelOrderByClientId(MARKET, "b-2").get(30, TimeUnit.SECONDS);
        assertThat(adapter.orderStatus(MARKET, "b-2").get(30, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.CANCELED);
        adapter.cancelOrders(List.of(acks.get(0).venueOrderId())).get(30, TimeUnit.SECONDS);
        assertThat(adapter.openOrders(MARKET).get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(sim.requestCount("WS", "order.cancel")).isEqualTo(1);
        assertThat(sim.requestCount("WS", "order.cancel_batch")).isEqualTo(1);
    }
}
