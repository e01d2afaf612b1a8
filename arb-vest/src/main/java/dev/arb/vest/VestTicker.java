package dev.arb.vest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The last {@code tickers} entry of one Vest market: mark and index price, the hourly funding rate
 * and the trading status. Source: Vest API docs "Public channels: tickers" (protocol reference §5).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param symbol           market symbol
 * @param markPrice        mark price, USD
 * @param indexPrice       index price, USD
 * @param oneHrFundingRate funding rate for one hour, fraction (0.0001 = 1 bp)
 * @param status           venue status text, e.g. {@code TRADING}
 * @param receivedEpochMs  local receipt time, ms since the epoch
 */
public record VestTicker(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal oneHrFundingRate,
    String status, long receivedEpochMs) {
    /**
     * Validates.
     *
     * @param symbol           market symbol
     * @param markPrice        mark price, USD
     * @param indexPrice       index price, USD
     * @param oneHrFundingRate hourly funding rate
     * @param status           status text
     * @param receivedEpochMs  receipt time, ms
     * @throws NullPointerException if the symbol is null
     */
    public VestTicker {
        Objects.requireNonNull(symbol, "symbol");
    }

    /** @return {@code true} if the status is {@code TRADING} */
    public boolean isTrading() {
        return "TRADING".equals(status);
    }
}
