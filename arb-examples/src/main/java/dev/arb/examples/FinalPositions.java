package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the venues' positions at the end of a run, for the summary: per venue the sum over every
 * symbol a bot trades there, and their sum across venues (0 when the run ended delta-neutral), in base
 * units.
 *
 * <p><b>Note:</b> stateless; {@link #read} blocks the calling (control) thread on the venues.
 */
final class FinalPositions {
    private FinalPositions() {
    }

    /**
     * @param adapters adapters keyed by venue name, in the configured order
     * @param config   the bots (which symbols each venue trades)
     * @return per venue its position, then {@code sum}, trailing zeros stripped
     * @throws Exception if a venue cannot be read within 30 s
     */
    static Map<String, BigDecimal> read(final Map<String, ExchangeAdapter> adapters, final BotConfig config)
        throws Exception {
        final Map<String, BigDecimal> positions = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, ExchangeAdapter> e : adapters.entrySet()) {
            BigDecimal venueTotal = BigDecimal.ZERO;
            for (String symbol : symbolsOn(config, e.getKey())) {
                final Position p = e.getValue().position(symbol).get(30, TimeUnit.SECONDS);
                venueTotal = venueTotal.add(p.sizeDecimal());
            }
            positions.put(e.getKey(), venueTotal.stripTrailingZeros());
            sum = sum.add(venueTotal);
        }
        positions.put("sum", sum.stripTrailingZeros());
        return positions;
    }

    private static List<String> symbolsOn(final BotConfig config, final String venue) {
        final List<String> symbols = new ArrayList<>();
        for (BotConfig.Bot bot : config.bots()) {
            if (bot.dexA().equals(venue) || bot.dexB().equals(venue)) {
                final String s = config.symbol(bot.pair(), venue);
                if (!symbols.contains(s)) {
                    symbols.add(s);
                }
            }
        }
        return symbols;
    }
}
