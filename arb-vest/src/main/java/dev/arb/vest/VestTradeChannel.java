package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code {symbol}@trades} channels of the market-data stream: public trades to the trade
 * listeners, parsed with Jackson (off the depth hot path). The channels are subscribed only while a
 * listener exists. Sources: Vest API docs "Public channels", protocol reference §5.
 *
 * <p><b>Note:</b> thread-safe: listeners are added from any thread (copy-on-write list) and called on
 * the event loop.
 */
final class VestTradeChannel {
    private static final Logger LOG = LoggerFactory.getLogger(VestTradeChannel.class);

    private final List<Consumer<VestTrade>> listeners = new CopyOnWriteArrayList<>();
    private final ObjectMapper json;
    private final VestCounters counters;

    /**
     * @param json     parses the frames
     * @param counters where listener exceptions are counted
     */
    VestTradeChannel(final ObjectMapper json, final VestCounters counters) {
        this.json = json;
        this.counters = counters;
    }

    /** @param listener called per trade on the event loop; exceptions are counted, the first logged */
    void addListener(final Consumer<VestTrade> listener) {
        listeners.add(listener);
    }

    /** @return {@code true} once a listener was added: the trade channels are then subscribed and parsed */
    boolean wanted() {
        return !listeners.isEmpty();
    }

    /**
     * Parses one trades frame and hands the trade to every listener.
     *
     * @param symbol the market whose channel carried it
     * @param bytes  the frame ({@code data}: {@code id}, {@code price}, {@code qty}, {@code side},
     *               {@code time} in ms)
     * @param offset where it starts in {@code bytes}
     * @param length its length
     * @throws MalformedMessageException when it is not JSON or the price or quantity is not a decimal
     */
    void onTrade(final String symbol, final byte[] bytes, final int offset, final int length) {
        final JsonNode d;
        final VestTrade trade;
        try {
            d = json.readTree(bytes, offset, length).path("data");
            trade = new VestTrade(symbol, d.path("id").asText(null), new BigDecimal(d.path("price").asText()),
                new BigDecimal(d.path("qty").asText()), d.path("side").asText(null), d.path("time").asLong());
        } catch (IOException | NumberFormatException e) {
            throw new MalformedMessageException(VestMarkets.VENUE, null, "trades frame without a valid price/qty", e);
        }
        for (final Consumer<VestTrade> l : listeners) {
            try {
                l.accept(trade);
            } catch (RuntimeException e) {
                if (counters.countListenerError()) {
                    LOG.warn("Vest trade listener threw (logged once, counted in listenerErrors())", e);
                }
            }
        }
    }
}
