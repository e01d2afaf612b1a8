/**
 * The JSON Lines capture of WebSocket sessions, the same for every venue: one received frame a line,
 * {@code {"t_ns":<receive ns>,"opcode":"text","text":"…"}} or {@code {"t_ns":…,"opcode":"binary","b64":"…"}}
 * (standard Base64), the format of FueledByChai's {@code fixtures/paradex/md/*.jsonl} and of the bot's
 * {@code record} command.
 *
 * <p>{@link dev.arb.capture.CaptureWriter} records a session (a {@link dev.arb.api.WireTap} installed on an
 * adapter); {@link dev.arb.capture.CaptureReader} reads it back a {@link dev.arb.capture.CapturedFrame} at a
 * time (Jackson tree per line, off the hot path); {@link dev.arb.capture.CaptureCursor} reads the same lines into a
 * reused buffer for the backtester, with no object per frame. A line that is not a frame record is a
 * {@link dev.arb.capture.CaptureFormatException} naming its line.
 *
 * <p>Decoding a frame's payload is the venue's business (Paradex SBE, Vest JSON): nothing here knows a venue.
 */
package dev.arb.capture;
