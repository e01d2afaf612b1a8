/**
 * Vest venue adapter: {@link dev.arb.vest.VestAdapter} (market data, orders, positions behind
 * {@link dev.arb.api.ExchangeAdapter}), {@link dev.arb.vest.VestConfig} and
 * {@link dev.arb.vest.VestSigner} (keccak/EIP-191 order and cancel signatures, EIP-712 registration),
 * {@link dev.arb.vest.VestRegistration} (onboarding: {@code POST /register}), and the stream values
 * {@link dev.arb.vest.VestTicker} and {@link dev.arb.vest.VestTrade}. The {@code account_private}
 * stream (listen key, ORDER events) is internal to the adapter and reaches callers through
 * {@link dev.arb.api.OrderListener}. The adapter composes package-private services, one job each:
 * {@code VestMarkets}, {@code VestMarketDataFeed} (with {@code VestFrameRouter}), {@code VestOrderEntry},
 * {@code VestAccountStream} (with {@code VestOrderEvents}), {@code VestAccountRest}, {@code VestConnection}
 * (connect, disconnect, close), {@code VestNonces} and {@code VestCounters}, built by {@code VestParts}.
 *
 * <h2>How {@code VestAdapter} follows the protocol</h2>
 *
 * <p><b>Market data.</b> {@link dev.arb.vest.VestAdapter#connect()} loads {@code GET /exchangeInfo} (one
 * {@link dev.arb.api.MarketSpec} per symbol: price scale = {@code priceDecimals}, size scale =
 * {@code sizeDecimals}, tick and step 1 at those scales, min size = step, fees from
 * {@code takerFee}/{@code makerFee}), then opens {@code wsUrl&xwebsocketserver=restserver{accountGroup}} and
 * {@code SUBSCRIBE}s {@code {symbol}@depth} for every subscribed market. Each depth message is a full snapshot,
 * decoded straight from the frame's bytes into the book without allocation; a crossed snapshot invalidates the
 * book; a malformed frame is counted ({@link dev.arb.vest.VestAdapter#malformedMessages()}) and logged once, and
 * the connection stays up; a snapshot whose levels are not strictly sorted is counted
 * ({@link dev.arb.vest.VestAdapter#unsortedBooks()}) and invalidates the book unless
 * {@link dev.arb.vest.VestConfig#rejectUnsortedDepth()} is off. {@code tickers} keeps mark, index and funding per
 * market ({@link dev.arb.vest.VestAdapter#ticker(String)},
 * {@link dev.arb.vest.VestAdapter#fundingRatePerHour(String)}). A JSON {@code PING} is sent every
 * {@link dev.arb.vest.VestConfig#pingIntervalMs()}; no {@code PONG} within
 * {@link dev.arb.vest.VestConfig#pongTimeoutMs()} or no frame for {@link dev.arb.api.TransportConfig#idleTimeoutMs()}
 * closes the connection; any unexpected close invalidates the books (stale at once) and reconnects with exponential
 * backoff and jitter ({@link dev.arb.api.TransportConfig#reconnectInitialDelayMs()} doubling up to
 * {@link dev.arb.api.TransportConfig#reconnectMaxDelayMs()}), resubscribing every market;
 * {@link dev.arb.vest.VestAdapter#isStale(String)} stays true until the next snapshot. Sources: Vest API docs
 * "WebSocket", "Public channels" (protocol reference §5).
 *
 * <p><b>Account stream.</b> With an API key, {@link dev.arb.vest.VestAdapter#connect()} also takes a listen key
 * ({@code POST /account/listenKey}), opens {@code account_private} and renews the key every
 * {@link dev.arb.vest.VestConfig#listenKeyRenewIntervalMs()}; a renewal answered {@code 1125} or a close with
 * 4004/4005 creates a new key. ORDER events ({@code NEW}, {@code FILLED}, {@code CANCELLED}, {@code REJECTED} with
 * its code) reach {@link dev.arb.api.OrderListener}s as {@link dev.arb.api.OrderUpdate}s, and each order's fill
 * once as a {@link dev.arb.api.Fill} (taker). Events are matched to our orders by the nonce we signed. Sources:
 * protocol reference §4 (listen key), §5 (private channel).
 *
 * <p><b>Orders.</b> Size must be a multiple of the step and at least the minimum, the limit price (the slippage
 * guard of a MARKET order) on the tick: otherwise {@link dev.arb.api.InvalidOrderException} before anything is
 * sent. Vest has no client order id, so the adapter remembers, per client order id, the signed body it sent: a
 * retry with the same client order id resends the identical signed request (same time, nonce, signature), never a
 * second order. Nonces strictly increase ({@code max(nowMs, last + 1)}). A limit price off the tick is snapped on
 * the safe side (a buy's down, a sell's up). IOC and MARKET orders complete once terminal: when the acknowledgement
 * lacks fill data the adapter waits up to {@link dev.arb.vest.VestConfig#streamFillWaitMs()} for the order's
 * terminal event on the account stream, then polls {@code GET /orders?id=} up to
 * {@link dev.arb.api.TransportConfig#orderPollAttempts()} times, then the future fails with
 * {@link dev.arb.api.ExchangeTimeoutException} (outcome unknown:
 * {@link dev.arb.vest.VestAdapter#orderStatus(String, String)} resolves it by the signed nonce). A rate-limit
 * answer (HTTP 429 / {@code 1003}: not executed) is resent unchanged after a backoff, at most
 * {@link dev.arb.vest.VestConfig#rateLimitRetries()} times within the receive window. An IOC order that Vest
 * reports {@code FILLED} for less than its size is reported {@code CANCELED} with the partial filled size. After a
 * {@link dev.arb.api.TransportException} or {@link dev.arb.api.ExchangeTimeoutException} the outcome is unknown:
 * retry with the same client order id (identical request, so at most one order) within
 * {@link dev.arb.vest.VestConfig#recvWindowMs()}, or look the order up; after the receive window Vest refuses the
 * old request ({@code ORDER_EXPIRED 1132}, an {@link dev.arb.api.OrderRejectedException}) even if the first attempt
 * was executed. POST_ONLY is refused (Vest is taker-only). Client-side rate limits
 * ({@link dev.arb.api.TransportConfig#orderRequestsPerSecond()},
 * {@link dev.arb.api.TransportConfig#otherRequestsPerSecond()}) delay requests and fail with {@link dev.arb.api.RateLimitedException} when the wait would exceed the request timeout.
 * Sources: protocol reference §3 (signing), §4 (REST, errors), §6 (taker-only).
 *
 * <p>Protocol facts: Vest API docs (vestmarkets.com GitBook, copied in hummingbot
 * {@code VEST_API_DOCS.md}), summarised in the project's Vest protocol reference. Implementation
 * classes live in {@code dev.arb.vest.internal} and are not API.
 */
package dev.arb.vest;
