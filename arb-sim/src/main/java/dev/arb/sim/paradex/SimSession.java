package dev.arb.sim.paradex;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated WebSocket session: its negotiated encoding (SBE binary market data when the upgrade URL
 * carried {@code sbeSchemaId}, paradex-sbe reference §2), the account it authenticated as ({@code auth},
 * protocol reference §2.2), its channels and its {@code order.cancel_on_disconnect} setting (§2.6).
 *
 * <p><b>Note:</b> thread-safe (channel set and fields guarded by this object).
 */
final class SimSession {
    private final Channel channel;
    private final boolean sbe;
    private final Set<String> channels = new LinkedHashSet<>();
    private String account;
    private boolean cancelOnDisconnect;

    SimSession(final Channel channel, final boolean sbe) {
        this.channel = channel;
        this.sbe = sbe;
    }

    Channel channel() {
        return channel;
    }

    boolean sbe() {
        return sbe;
    }

    synchronized String account() {
        return account;
    }

    synchronized void account(final String a) {
        account = a;
    }

    synchronized boolean cancelOnDisconnect() {
        return cancelOnDisconnect;
    }

    synchronized void cancelOnDisconnect(final boolean v) {
        cancelOnDisconnect = v;
    }

    synchronized boolean add(final String c) {
        return channels.add(c);
    }

    synchronized boolean remove(final String c) {
        return channels.remove(c);
    }

    synchronized List<String> channels() {
        return new ArrayList<>(channels);
    }

    /**
     * @param market a market symbol
     * @return the channel of this session already carrying the market's book, or null
     */
    synchronized String bookChannelOf(final String market) {
        for (final String c : channels) {
            if (market.equals(SimChannels.bookChannelMarket(c))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Writes a binary frame when {@code binary} is not null, else a text frame.
     *
     * @param binary SBE frame or null
     * @param text   JSON text or null
     */
    void write(final byte[] binary, final String text) {
        if (binary != null) {
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binary)));
        } else if (text != null) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }
}
