package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.UntrustedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON frames of the stream that are not books: replies of pending JSON-RPC calls complete them
 * ({@link ParadexChannels#onReply}); error replies are logged; {@code markets_summary} pushes store the funding rate;
 * every other push goes to the {@link ParadexPrivateFrames} (the account stream). The private {@code orders} and
 * {@code fills} pushes are offered to it as bytes first ({@link ParadexPrivateFrames#onJsonFrame}, a streaming parse);
 * every other frame, and those it leaves, is read as a Jackson tree.
 *
 * <p>Source: protocol reference §2 (WebSocket JSON-RPC, channels).
 *
 * <p><b>Note:</b> called on the adapter's event-loop thread (tests: one thread at a time); the target is volatile.
 */
final class ParadexControlFrames {
    private static final Logger LOG = LoggerFactory.getLogger(ParadexControlFrames.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParadexChannels channels;
    private final ParadexBooks books;
    private final ParadexCounters counters;
    private volatile ParadexPrivateFrames privateFrames;

    /**
     * @param channels the stream's JSON-RPC side
     * @param books    where {@code markets_summary} funding rates go
     * @param counters where unreadable frames and pushes are counted
     */
    ParadexControlFrames(final ParadexChannels channels, final ParadexBooks books, final ParadexCounters counters) {
        this.channels = channels;
        this.books = books;
        this.counters = counters;
    }

    /** @param target receives private pushes; set before the first frame */
    void route(final ParadexPrivateFrames target) {
        privateFrames = target;
    }

    /**
     * Offers a frame to the private side's streaming parse (the JSON book feed's first look at a control frame).
     *
     * @param bytes  frame bytes
     * @param offset its first byte
     * @param length its length in bytes
     * @return {@code true} if handled; {@code false} to read it as a tree
     */
    boolean offer(final byte[] bytes, final int offset, final int length) {
        return privateFrames.onJsonFrame(bytes, offset, length);
    }

    /**
     * A JSON text frame of the SBE stream (books come as binary): a streamed private push, else read as a tree; not
     * an object counts a control error.
     *
     * @param bytes  frame bytes
     * @param offset its first byte
     * @param length its length in bytes
     */
    void onText(final byte[] bytes, final int offset, final int length) {
        if (offer(bytes, offset, length)) {
            return;
        }
        final JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (final java.io.IOException e) {
            counters.controlError();
            return;
        }
        if (node == null || !node.isObject()) {
            counters.controlError();
            return;
        }
        if (channels.onReply(node)) {
            return;
        }
        final JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            LOG.warn("paradex: JSON-RPC error reply id={} code={} message={} data={}",
                UntrustedText.forLog(node.path("id").asText()), UntrustedText.forLog(error.path("code").asText()),
                UntrustedText.forLog(error.path("message").asText()),
                UntrustedText.forLog(error.path("data").asText()));
            return;
        }
        onControl(node);
    }

    /**
     * Handles a well-formed JSON control frame: a reply completes its call; a {@code markets_summary} push stores
     * the market's funding rate; every other {@code subscription} push goes to the private side.
     *
     * @param node the frame
     */
    void onControl(final JsonNode node) {
        if (channels.onReply(node)) {
            return;
        }
        if (!"subscription".equals(node.path("method").asText())) {
            return;
        }
        final String channel = node.path("params").path("channel").asText("");
        final JsonNode data = node.path("params").path("data");
        if (!channel.startsWith("markets_summary")) {
            privateFrames.onPush(channel, data);
            return;
        }
        try {
            books.onSummary(data);
        } catch (final RuntimeException e) {
            counters.privateMessageError(channel, e);
        }
    }
}
