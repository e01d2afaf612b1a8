/**
 * Paradex public WebSocket market data in SBE (Simple Binary Encoding): an allocation-free frame
 * decoder ({@link dev.arb.paradex.sbe.ParadexSbeDecoder}), a per-market sequenced book applier
 * ({@link dev.arb.paradex.sbe.SequencedBookApplier}) writing into {@link dev.arb.api.OrderBook}. The JSONL capture
 * format (reader, writer) is venue-neutral and lives in arb-capture ({@code dev.arb.capture}); the Paradex replay
 * of a capture is the bot's ({@code arb replay}, arb-examples).
 *
 * <p>Since 2026-09-21 Paradex serves public channel payloads only as SBE binary frames, negotiated with
 * {@code ?sbeSchemaId=1&sbeSchemaVersion=1} on the WebSocket URL; control messages (subscribe acks,
 * errors) stay JSON-RPC text frames (https://docs.paradex.trade/ws/general-information/binary-encoding-sbe).
 * The codecs are generated at build time by Real Logic's sbe-tool from the official schema
 * {@code paradex_1_0.xml} (tradeparadex/paradex-py {@code paradex_py/api/sbe/paradex_1_0.xml} @ b8108aec),
 * shipped in this jar as {@code sbe/paradex_1_0.xml}; they live in {@code dev.arb.paradex.sbe.codec}, a public
 * package because the flyweights are the wire format itself: a simulator or a benchmark that writes Paradex
 * frames uses the encoders (generated code, without our Javadoc; the schema documents each field).
 *
 * <p>Units: prices and sizes are the schema's int64 mantissas with the fixed exponent −8, used directly as
 * fixed-point {@code long}s at scale 8 (USD per base unit, base units); venue timestamps are µs since the
 * epoch; {@link dev.arb.api.OrderBook} stamps are ms.
 */
package dev.arb.paradex.sbe;
