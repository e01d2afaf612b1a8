package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code tickers} channel of the market-data stream: per symbol the last mark, index, funding
 * and status ({@link VestTicker}), and the last {@code oneHrFundingRate} as a double for
 * {@link VestAdapter#fundingRatePerHour(String)}. Sources: Vest API docs "Public channels", protocol
 * reference §5 "tickers".
 *
 * <p><b>Note:</b> thread-safe: written on the event loop ({@link #onTickers}), read from any thread
 * (concurrent maps, volatile slots).
 */
final class VestTickerBoard {
    /** The last funding rate of one symbol, per hour (fraction); written on the event loop, read from any thread. */
    private static final class FundingSlot {
        volatile double perHour = Double.NaN;
    }

    private final ObjectMapper json;
    private final Map<String, VestTicker> tickers = new ConcurrentHashMap<>();
    /** Per symbol, the last {@code oneHrFundingRate} of {@code tickers}; one slot per symbol, written in place. */
    private final Map<String, FundingSlot> funding = new ConcurrentHashMap<>();

    /** @param json parses the frames */
    VestTickerBoard(final ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param symbol market symbol
     * @return the last {@code tickers} entry for it, or null if none yet
     */
    VestTicker ticker(final String symbol) {
        return tickers.get(symbol);
    }

    /**
     * @param market market symbol
     * @return the last {@code oneHrFundingRate} (a fraction per hour), NaN if none yet
     */
    double fundingRatePerHour(final String market) {
        final FundingSlot slot = funding.get(market);
        return slot == null ? Double.NaN : slot.perHour;
    }

    /**
     * Applies one {@code tickers} frame: each entry with a {@code symbol} replaces that symbol's ticker.
     *
     * @param bytes  the frame ({@code data} is the array of entries)
     * @param offset where it starts in {@code bytes}
     * @param length its length
     * @throws MalformedMessageException when it is not JSON or an entry has a number that is not a decimal
     *     (entries before it are applied)
     */
    void onTickers(final byte[] bytes, final int offset, final int length) {
        final JsonNode node;
        try {
            node = json.readTree(bytes, offset, length);
        } catch (IOException e) {
            throw new MalformedMessageException(VestMarkets.VENUE, null, "tickers frame is not JSON", e);
        }
        final long now = System.currentTimeMillis();
        for (final JsonNode t : node.path("data")) {
            final String symbol = t.path("symbol").asText(null);
            if (symbol == null) {
                continue;
            }
            try {
                final BigDecimal rate = decimalOrNull(t, "oneHrFundingRate");
                tickers.put(symbol, new VestTicker(symbol, decimalOrNull(t, "markPrice"), decimalOrNull(t, "indexPrice"),
                    rate, t.path("status").asText(null), now));
                funding.computeIfAbsent(symbol, k -> new FundingSlot()).perHour =
                    rate == null ? Double.NaN : rate.doubleValue();
            } catch (NumberFormatException e) {
                throw new MalformedMessageException(VestMarkets.VENUE, null, "tickers entry with a bad number", e);
            }
        }
    }

    private static BigDecimal decimalOrNull(final JsonNode n, final String field) {
        return n.hasNonNull(field) ? new BigDecimal(n.get(field).asText()) : null;
    }
}
