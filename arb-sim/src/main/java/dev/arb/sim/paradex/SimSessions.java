package dev.arb.sim.paradex;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket sessions of the simulated Paradex: registered when the upgrade completes, removed when the
 * connection closes (then, if the session asked for {@code order.cancel_on_disconnect}, every open order of its
 * account is cancelled, protocol reference §2.6); pinged every {@link ParadexSimulator.Options#pingIntervalMs()}
 * (§2.4); closed all at once on demand.
 *
 * <p><b>Note:</b> thread-safe (a concurrent map): sessions come and go on the simulator's event loop, the counts
 * and {@link #closeAll()} may be called from any thread.
 */
final class SimSessions {
    private final Map<Channel, SimSession> sessions = new ConcurrentHashMap<>();
    private final SimExchange exchange;

    /** @param exchange cancels the orders of a session that asked for cancel-on-disconnect */
    SimSessions(final SimExchange exchange) {
        this.exchange = exchange;
    }

    /** @param session a session whose WebSocket upgrade completed */
    void connected(final SimSession session) {
        sessions.put(session.channel(), session);
    }

    /** @param ch a closed connection */
    void disconnected(final Channel ch) {
        final SimSession s = sessions.remove(ch);
        if (s != null && s.account() != null && s.cancelOnDisconnect()) {
            exchange.cancelAll(s.account(), null, System.currentTimeMillis());
        }
    }

    /** @return the open sessions (a live view) */
    Collection<SimSession> all() {
        return sessions.values();
    }

    /** @return the number of open sessions */
    int count() {
        return sessions.size();
    }

    /** @return the number of sessions that sent a valid {@code auth} */
    int authenticated() {
        int n = 0;
        for (final SimSession s : sessions.values()) {
            n += s.account() != null ? 1 : 0;
        }
        return n;
    }

    /** Closes every connection. */
    void closeAll() {
        for (final Channel c : new ArrayList<>(sessions.keySet())) {
            c.close();
        }
    }

    /** Pings every connection. */
    void ping() {
        for (final Channel c : sessions.keySet()) {
            c.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer("paradex-sim", StandardCharsets.US_ASCII)));
        }
    }
}
