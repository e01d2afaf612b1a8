/**
 * The venue-neutral contract of the arb SDK: the {@link dev.arb.api.ExchangeAdapter} every venue
 * module implements, the L2 {@link dev.arb.api.OrderBook}, orders, fills, positions, market
 * specifications and the typed errors.
 *
 * <p><b>Money.</b> Prices and sizes are fixed-point {@code long}s scaled by the market's
 * {@link dev.arb.api.MarketSpec#priceScale()} and {@link dev.arb.api.MarketSpec#sizeScale()}
 * (a price of {@code 6543210} at scale 2 is 65432.10 USD). They are parsed from and formatted to
 * the venue's decimal strings exactly by {@link dev.arb.api.FixedPoint}; {@code double} is used only
 * for ratios (spreads in percent or bps, fee rates for display).
 *
 * <p><b>Threading.</b> Market data is single-writer: each adapter mutates its books on its
 * event-loop thread and calls {@link dev.arb.api.OrderBookListener}s there. Order operations return
 * {@link java.util.concurrent.CompletableFuture}s and never block the caller.
 */
package dev.arb.api;
