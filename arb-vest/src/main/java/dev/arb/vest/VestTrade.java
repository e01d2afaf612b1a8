package dev.arb.vest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One public trade from {@code {symbol}@trades}. Source: Vest API docs "Public channels" (protocol
 * reference §5; {@code side} is present on v3 captures only).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param symbol  market symbol
 * @param id      venue trade id
 * @param price   price, USD
 * @param qty     size, base units
 * @param side    taker side text ({@code buy}/{@code sell}) or null when absent
 * @param timeMs  venue time, ms since the epoch
 */
public record VestTrade(String symbol, String id, BigDecimal price, BigDecimal qty, String side, long timeMs) {
    /**
     * Validates.
     *
     * @param symbol market symbol
     * @param id     trade id
     * @param price  price, USD
     * @param qty    size, base units
     * @param side   taker side or null
     * @param timeMs venue time, ms
     * @throws NullPointerException if symbol, price or qty is null
     */
    public VestTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(qty, "qty");
    }
}
