/**
 * Paradex adapter of the arb SDK: {@link dev.arb.paradex.ParadexAdapter} (an
 * {@link dev.arb.api.ExchangeAdapter}), its {@link dev.arb.paradex.ParadexConfig} and the STARK
 * {@link dev.arb.paradex.ParadexSigner} of orders and auth requests (StarkNet typed data, legacy
 * revision 0, Pedersen).
 *
 * <p>Protocol facts cite the project's Paradex protocol reference (sections §1–§10), which is
 * gathered from the public Paradex docs (docs.paradex.trade), paradex-py and the official code
 * samples. Prices and sizes of every Paradex market are fixed-point at scale 8.
 *
 * <p>The adapter composes package-private parts, one job each, built by {@code ParadexParts}:
 * {@code ParadexMarkets}, {@code ParadexBooks}, {@code ParadexMarketDataFeed}, {@code ParadexAccountStream},
 * {@code ParadexVenueStatus}, {@code ParadexOrderEntry} and {@code ParadexConnection} (connect, disconnect,
 * close).
 *
 * <h2>How {@code ParadexAdapter} follows the protocol</h2>
 *
 * <p>Market data: with {@link dev.arb.paradex.ParadexConfig#sbe()} (the default of
 * {@link dev.arb.paradex.ParadexConfig#production()} and {@link dev.arb.paradex.ParadexConfig#testnet()}; the venue
 * serves public channels only as SBE since 2026-09-21) books come from the bare {@code order_book.{market}.deltas}
 * channel as SBE binary frames, else from the JSON channel
 * {@link dev.arb.paradex.ParadexConfig#bookChannelTemplate()}; either way deltas apply only at
 * {@code seq = last + 1}. A gap, repeat or regression invalidates the book at once (listeners are told), is counted
 * ({@link dev.arb.paradex.ParadexAdapter#sequenceGaps()}) and triggers a resync with a fresh snapshot. With every
 * book the adapter also subscribes the market's {@code markets_summary.{market}} channel, for its funding rate
 * ({@link dev.arb.paradex.ParadexAdapter#fundingRatePerHour(String)}).
 *
 * <p>Private streams: with an account configured the WebSocket sends {@code auth} after every connect (§2.2) and
 * subscribes {@code orders.ALL}, {@code fills.ALL}, {@code positions} and {@code account} (JSON payloads; fills
 * also as SBE {@code FillEvent}s), which drive {@link dev.arb.paradex.ParadexAdapter#addOrderListener} listeners,
 * the completion of IOC orders, {@link dev.arb.paradex.ParadexAdapter#lastStreamedPosition} and
 * {@link dev.arb.paradex.ParadexAdapter#lastAccountSummary}.
 *
 * <p>Order entry: with {@link dev.arb.paradex.ParadexConfig#wsOrderEntry()} and an authenticated stream, orders and
 * cancels are JSON-RPC calls (§2.6), with REST as the fallback whenever the stream is not authenticated.
 * {@link dev.arb.paradex.ParadexConfig#cancelOnDisconnect()} sends {@code order.cancel_on_disconnect}. Venue errors
 * of both paths map to typed exceptions; client-side rate limits (per second and per minute, §3.9) apply to both,
 * and a 429 with {@code Retry-After} blocks orders for that long. {@code GET /v1/system/state} is polled every 30
 * s: {@code cancel_only} and {@code maintenance} refuse new orders
 * ({@link dev.arb.paradex.ParadexAdapter#venueStatus()}). IOC and MARKET orders complete when the venue reports
 * them {@code CLOSED}; not closed after {@link dev.arb.api.TransportConfig#orderPollAttempts()} polls, the
 * future fails with {@link dev.arb.api.ExchangeTimeoutException} (outcome unknown). While an outcome is unknown, a
 * retry with the same client order id re-sends the signed request first sent under it, whatever the new request
 * says. An order closed by the venue's risk checks with nothing filled fails with
 * {@link dev.arb.api.OrderRejectedException} carrying the {@code cancel_reason}. Fees in
 * {@link dev.arb.api.OrderUpdate} are estimated from the market's fee rates (Paradex reports fees on fills only).
 */
package dev.arb.paradex;
