/**
 * Vest venue adapter: {@link dev.arb.vest.VestAdapter} (market data, orders, positions behind
 * {@link dev.arb.api.ExchangeAdapter}), {@link dev.arb.vest.VestConfig} and
 * {@link dev.arb.vest.VestSigner} (keccak/EIP-191 order and cancel signatures, EIP-712 registration),
 * {@link dev.arb.vest.VestRegistration} (onboarding: {@code POST /register}), and the stream values
 * {@link dev.arb.vest.VestTicker} and {@link dev.arb.vest.VestTrade}. The {@code account_private}
 * stream (listen key, ORDER events) is internal to the adapter and reaches callers through
 * {@link dev.arb.api.OrderListener}. The adapter composes package-private services, one job each:
 * {@code VestMarkets}, {@code VestMarketDataFeed} (with {@code VestFrameRouter}), {@code VestOrderEntry},
 * {@code VestAccountStream} (with {@code VestOrderEvents}), {@code VestAccountRest}, {@code VestNonces}
 * and {@code VestCounters}.
 *
 * <p>Protocol facts: Vest API docs (vestmarkets.com GitBook, copied in hummingbot
 * {@code VEST_API_DOCS.md}), summarised in the project's Vest protocol reference. Implementation
 * classes live in {@code dev.arb.vest.internal} and are not API.
 */
package dev.arb.vest;
