package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the simulated exchange's private events to the WebSocket sessions of their account, as JSON
 * {@code subscription} messages on each subscribed {@code {channel}}, {@code {channel}.ALL} or
 * {@code {channel}.{market}}; and each of our fills as a public trade on {@code trades.{market}} (an SBE
 * {@code TradeEvent} for an SBE session, else JSON).
 *
 * <p><b>Note:</b> thread-safe: {@link #publish} may be called from any thread (the exchange calls it under its
 * monitor); the writes run on the simulator's event loop, in call order.
 */
final class SimPrivateStream implements SimExchange.PrivateSink {
    private final EventLoop loop;
    private final SimSessions sessions;
    private final SimMarketData marketData;
    private final AtomicLong tradeIds = new AtomicLong();

    /**
     * @param loop       the simulator's event loop
     * @param sessions   the sessions to write to
     * @param marketData the markets' feeds (SBE trade frames)
     */
    SimPrivateStream(final EventLoop loop, final SimSessions sessions, final SimMarketData marketData) {
        this.loop = loop;
        this.sessions = sessions;
        this.marketData = marketData;
    }

    @Override
    public void publish(final String account, final String channel, final String market, final ObjectNode data) {
        loop.execute(() -> {
            if (channel.equals("fills")) {
                publishTrade(market, data);
            }
            for (final SimSession s : sessions.all()) {
                if (!account.equals(s.account())) {
                    continue;
                }
                for (final String c : s.channels()) {
                    if (c.equals(channel) || c.equals(channel + ".ALL") || c.equals(channel + '.' + market)) {
                        s.write(null, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
                            + c + "\",\"data\":" + data + "}}");
                    }
                }
            }
        });
    }

    /** Publishes one of our fills as a public trade on {@code trades.{market}} (SBE TradeEvent or JSON). */
    private void publishTrade(final String market, final ObjectNode fill) {
        final SimBookFeed feed = marketData.feed(market);
        if (feed == null) {
            return;
        }
        final long price = SimExchange.fp(new BigDecimal(fill.path("price").asText("0")));
        final long size = SimExchange.fp(new BigDecimal(fill.path("size").asText("0")));
        final boolean buy = "BUY".equals(fill.path("side").asText());
        final long atMicros = fill.path("created_at").asLong() * 1000;
        final long tradeId = tradeIds.incrementAndGet();
        byte[] sbe = null;
        for (final SimSession s : sessions.all()) {
            if (!s.channels().contains("trades." + market)) {
                continue;
            }
            if (s.sbe()) {
                if (sbe == null) {
                    sbe = feed.sbeTrade(tradeId, buy, price, size, atMicros);
                }
                s.write(sbe, null);
            } else {
                s.write(null, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades."
                    + market + "\",\"data\":{\"id\":\"" + tradeId + "\",\"market\":\"" + market + "\",\"side\":\""
                    + (buy ? "BUY" : "SELL") + "\",\"size\":\"" + SimExchange.text(size) + "\",\"price\":\""
                    + SimExchange.text(price) + "\",\"created_at\":" + atMicros / 1000 + ",\"trade_type\":\"FILL\"}}}");
            }
        }
    }
}
