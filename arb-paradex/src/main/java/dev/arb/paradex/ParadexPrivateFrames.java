package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.paradex.sbe.FillUpdate;

/**
 * What {@link ParadexMarketDataFeed}, the reader of the WebSocket, hands on to the private side
 * ({@link ParadexAccountStream}): the stream's opening and closing, the JSON pushes of the private channels
 * ({@code orders}, {@code fills}, {@code positions}, {@code account}: protocol reference §2.5) and the fills sent as
 * SBE {@code FillEvent}s (paradex-sbe reference §2, private template 21).
 *
 * <p><b>Note:</b> every method is called on the adapter's event-loop thread (tests may call {@link #onPush} from
 * one other thread at a time).
 */
interface ParadexPrivateFrames {
    /** The stream opened; its channels have been subscribed again. */
    void onOpen();

    /** The stream closed. */
    void onClosed();

    /**
     * A JSON text frame, offered before it is read as a tree: the private {@code orders} and {@code fills} pushes are
     * read here with a streaming parser (issue 14 §3).
     *
     * @param bytes  frame bytes (UTF-8)
     * @param offset its first byte
     * @param length its length in bytes
     * @return {@code true} if it was handled here; {@code false} to read it as a tree, as before
     */
    boolean onJsonFrame(byte[] bytes, int offset, int length);

    /**
     * A push of a channel that is not market data.
     *
     * @param channel the channel name ({@code params.channel})
     * @param data    its {@code params.data}
     */
    void onPush(String channel, JsonNode data);

    /** @param fill a fill sent as an SBE {@code FillEvent} (a reused object: copy what you keep) */
    void onFill(FillUpdate fill);
}
