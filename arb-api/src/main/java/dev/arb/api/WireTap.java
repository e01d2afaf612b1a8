package dev.arb.api;

/**
 * Sees every WebSocket frame an adapter receives, as received, before it is parsed: the bot's
 * {@code record} command writes them to a JSON Lines capture.
 *
 * <p>Only called when installed; an adapter without a tap does no extra work per frame.
 *
 * <p><b>Note:</b> invoked on the adapter's event-loop thread; the byte range is only valid during the
 * call (copy what you keep). Must not block for long.
 */
@FunctionalInterface
public interface WireTap {
    /**
     * @param venue         venue name
     * @param receivedNanos {@link System#nanoTime()} at receipt
     * @param binary        {@code true} for a binary frame, {@code false} for text (UTF-8)
     * @param data          buffer holding the frame payload
     * @param offset        index of the first payload byte
     * @param length        payload length in bytes
     */
    void onFrame(String venue, long receivedNanos, boolean binary, byte[] data, int offset, int length);
}
