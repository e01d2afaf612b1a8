package dev.arb.executor;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RiskGuard}'s day's PnL across bots: the realized PnL of the trading day plus every bot's
 * latest unrealized PnL, USD; the trading day starts at the configured hour, UTC.
 *
 * <p><b>Note:</b> not thread-safe; used only under the owning {@link RiskGuard}'s lock.
 */
final class DailyLoss {
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    private final Map<String, BigDecimal> unrealizedByBot = new HashMap<>();
    private BigDecimal realizedToday = BigDecimal.ZERO;
    private long tradingDay;

    /**
     * @param nowMs        wall-clock time, ms since the epoch
     * @param resetHourUtc the hour (UTC) a trading day starts
     */
    DailyLoss(final long nowMs, final int resetHourUtc) {
        tradingDay = dayOf(nowMs, resetHourUtc);
    }

    /**
     * Starts a new trading day when {@code nowMs} is in one: the realized PnL restarts at zero.
     *
     * @return {@code true} if a new trading day began
     */
    boolean roll(final long nowMs, final int resetHourUtc) {
        final long day = dayOf(nowMs, resetHourUtc);
        if (day == tradingDay) {
            return false;
        }
        tradingDay = day;
        realizedToday = BigDecimal.ZERO;
        return true;
    }

    /** @param realizedUsd a round's realized PnL, USD */
    void addRealized(final BigDecimal realizedUsd) {
        realizedToday = realizedToday.add(realizedUsd);
    }

    /**
     * @param bot           a bot
     * @param unrealizedUsd its unrealized PnL now, USD
     */
    void unrealized(final String bot, final BigDecimal unrealizedUsd) {
        unrealizedByBot.put(bot, unrealizedUsd);
    }

    /** @return the day's realized PnL plus every bot's unrealized PnL, USD */
    BigDecimal total() {
        BigDecimal daily = realizedToday;
        for (BigDecimal u : unrealizedByBot.values()) {
            daily = daily.add(u);
        }
        return daily;
    }

    private static long dayOf(final long epochMs, final int resetHourUtc) {
        return Math.floorDiv(epochMs - resetHourUtc * 3_600_000L, DAY_MS);
    }
}
