package dev.arb.executor;

import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trading circuit breaker shared by every executor of a run: admits or refuses each entry against
 * {@link RiskLimits}, counts order errors, and halts on a daily loss or by hand.
 *
 * <p>Consecutive errors are counted by a Resilience4j {@link CircuitBreaker}
 * (https://resilience4j.readme.io/docs/circuitbreaker) with a count-based window of
 * {@code maxConsecutiveErrors} calls and a 100 % failure threshold, so exactly that many failed orders
 * in a row open it; after {@code cooldown} it turns half-open by itself and admits one trial entry,
 * whose orders close it again or re-open it. A manual {@link #halt} or the daily loss force it open
 * ({@code HALTED}) until {@link #resume()} or the next trading day (daily loss only).
 *
 * <p>Exposure: every executor reports its legs' notional and unrealized PnL with
 * {@link #updateExposure}; the total across them is checked against {@code maxTotalNotionalUsd}.
 *
 * <p>Per-market limits ({@code maxPositionBase}, {@code maxPositionUsd}) hold per venue market across
 * every bot sharing this guard's {@link MarketExposure}: an entry reserves its size on both legs' markets
 * before it is sent ({@link #admitEntry(String, BigDecimal, BigDecimal, BigDecimal, MarketExposure.Share,
 * MarketExposure.Share)}); a refusal is counted ({@link #marketLimitBlocked()}), and the first of a run of
 * refusals on a market raises a {@link AlertKind#MARKET_LIMIT} alert and a journal record.
 *
 * <p>Parts, each with one job: {@link ErrorBreaker} (the Resilience4j breaker, its journal records and
 * alerts), {@link DailyLoss} (the trading day's PnL across bots), {@link MarketLimitGate} (the per-market
 * reservations) and {@link MarketClaims} (one round per market).
 *
 * <p><b>Note:</b> thread-safe (synchronized; called on control paths only, never per tick).
 */
public final class RiskGuard {
    private volatile RiskLimits limits;
    private final Clock clock;
    private final ErrorBreaker breaker;
    private final Map<String, BigDecimal> notionalByBot = new HashMap<>();
    private final DailyLoss dailyLoss;
    private final MarketClaims claims = new MarketClaims();
    private final MarketExposure exposure;
    private final MarketLimitGate marketLimits;
    private String haltReason;
    /** Who set {@link #haltReason}: {@code operator} or {@code risk}. */
    private String haltedBy;
    private boolean dailyLossHalt;

    /**
     * @param limits  the limits
     * @param alerts  where trips and resets are reported
     * @param journal where breaker events are recorded
     * @param clock   wall clock (UTC) for the daily reset
     * @throws NullPointerException if an argument is null
     */
    public RiskGuard(final RiskLimits limits, final AlertSink alerts, final Journal journal, final Clock clock) {
        this(limits, alerts, journal, clock, new MarketExposure());
    }

    /**
     * @param limits   the limits
     * @param alerts   where trips, resets and market-limit refusals are reported
     * @param journal  where breaker events and market-limit refusals are recorded
     * @param clock    wall clock (UTC) for the daily reset
     * @param exposure the per-market exposure ledger the per-market limits are checked against (share one
     *                 between guards to hold the limits across them)
     * @throws NullPointerException if an argument is null
     */
    public RiskGuard(final RiskLimits limits, final AlertSink alerts, final Journal journal, final Clock clock,
        final MarketExposure exposure) {
        this.exposure = Objects.requireNonNull(exposure, "exposure");
        this.limits = Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dailyLoss = new DailyLoss(clock.millis(), limits.dailyResetHourUtc());
        this.marketLimits = new MarketLimitGate(alerts, journal);
        this.breaker = new ErrorBreaker(limits, alerts, journal, this::haltReasonOrNull);
    }

    /**
     * @param maxConsecutiveErrors errors in a row that open the breaker
     * @return a guard with only the error limit, alerts to the log, an in-memory journal
     */
    public static RiskGuard errorsOnly(final int maxConsecutiveErrors) {
        return new RiskGuard(RiskLimits.errorsOnly(maxConsecutiveErrors), AlertSink.log(), Journal.inMemory(),
            Clock.systemUTC());
    }

    private synchronized String haltReasonOrNull() {
        return haltReason;
    }

    /** @return the per-market exposure ledger of every bot using this guard */
    public MarketExposure exposure() {
        return exposure;
    }

    /** @return entries refused because a venue market's limit across bots would be exceeded */
    public long marketLimitBlocked() {
        return marketLimits.blocked();
    }

    /** @return the limits */
    public RiskLimits limits() {
        return limits;
    }

    /**
     * Changes the position, notional and daily-loss limits while running; the next entry is checked
     * against them. The breaker's error count and cooldown are fixed at construction.
     *
     * @param next the new limits
     * @throws IllegalArgumentException if {@code next} changes {@code maxConsecutiveErrors} or {@code cooldown}
     */
    public synchronized void setLimits(final RiskLimits next) {
        Objects.requireNonNull(next, "next");
        if (next.maxConsecutiveErrors() != limits.maxConsecutiveErrors() || !next.cooldown().equals(limits.cooldown())) {
            throw new IllegalArgumentException("max_consecutive_errors and cooldown_ms cannot change while running");
        }
        limits = next;
    }

    /**
     * Decides whether an entry may be sent; in the half-open state the one trial permit is taken.
     *
     * @param bot             the bot asking
     * @param positionBase    the bot's current absolute position per venue, base units
     * @param entryBase       the entry's size per leg, base units
     * @param priceUsd        a price of the instrument, USD per base unit
     * @return null if admitted, else why not
     */
    public synchronized String admitEntry(final String bot, final BigDecimal positionBase, final BigDecimal entryBase,
        final BigDecimal priceUsd) {
        return admitEntry(bot, positionBase, entryBase, priceUsd, null, null);
    }

    /**
     * Decides whether an entry may be sent, checking the per-market limits across every bot of the ledger:
     * reserves {@code entryBase} on both legs' market shares first (kept open when admitted, until the bot
     * settles them after the round; dropped when refused). In the half-open state the one trial permit is
     * taken.
     *
     * @param bot          the bot asking
     * @param positionBase the bot's current absolute position per venue, base units (used when no shares
     *                     are given)
     * @param entryBase    the entry's size per leg, base units
     * @param priceUsd     a price of the instrument, USD per base unit
     * @param shareA       the bot's share of leg A's market, or null to check the bot's own position only
     * @param shareB       the bot's share of leg B's market, or null
     * @return null if admitted, else why not; a refusal by a market's limit across bots starts with
     *     {@value #MARKET_LIMIT_PREFIX}
     */
    public synchronized String admitEntry(final String bot, final BigDecimal positionBase, final BigDecimal entryBase,
        final BigDecimal priceUsd, final MarketExposure.Share shareA, final MarketExposure.Share shareB) {
        return admitEntry(bot, positionBase, entryBase, priceUsd, shareA, 0, shareB);
    }

    /**
     * As {@link #admitEntry(String, BigDecimal, BigDecimal, BigDecimal, MarketExposure.Share,
     * MarketExposure.Share)}, also refusing (as a market limit) an entry on the side opposite to what other
     * bots hold on a shared market.
     *
     * @param bot          the bot asking
     * @param positionBase the bot's current absolute position per venue, base units (used without shares)
     * @param entryBase    the entry's size per leg, base units
     * @param priceUsd     a price of the instrument, USD per base unit
     * @param shareA       the bot's share of leg A's market, or null to check the bot's own position only
     * @param sideA        +1 if the entry buys on leg A, -1 if it sells (leg B takes the other side), 0 unknown
     * @param shareB       the bot's share of leg B's market, or null
     * @return null if admitted, else why not; a refusal by a market across bots starts with
     *     {@value #MARKET_LIMIT_PREFIX}
     */
    public synchronized String admitEntry(final String bot, final BigDecimal positionBase, final BigDecimal entryBase,
        final BigDecimal priceUsd, final MarketExposure.Share shareA, final int sideA,
        final MarketExposure.Share shareB) {
        rollDay();
        if (haltReason != null) {
            return "halted: " + haltReason;
        }
        if (shareA != null && shareB != null) {
            final String refused = marketLimits.reserve(limits, bot, entryBase, priceUsd, shareA, Integer.signum(sideA),
                shareB);
            if (refused != null) {
                return refused;
            }
            final String other = admitTotals(entryBase, priceUsd);
            if (other != null) {
                shareA.cancelReservation();
                shareB.cancelReservation();
            }
            return other;
        }
        final BigDecimal after = positionBase.abs().add(entryBase);
        if (limits.maxPositionBase().signum() > 0 && after.compareTo(limits.maxPositionBase()) > 0) {
            return "position " + after.toPlainString() + " would exceed max_position_base "
                + limits.maxPositionBase().toPlainString();
        }
        final BigDecimal notional = after.multiply(priceUsd);
        if (limits.maxPositionUsd().signum() > 0 && notional.compareTo(limits.maxPositionUsd()) > 0) {
            return "notional " + notional.toPlainString() + " USD would exceed max_position_usd "
                + limits.maxPositionUsd().toPlainString();
        }
        return admitTotals(entryBase, priceUsd);
    }

    /** Marks the start of a refusal by a market's limit across bots. */
    public static final String MARKET_LIMIT_PREFIX = "market limit";

    private String admitTotals(final BigDecimal entryBase, final BigDecimal priceUsd) {
        if (limits.maxTotalNotionalUsd().signum() > 0) {
            BigDecimal total = entryBase.multiply(priceUsd).multiply(BigDecimal.valueOf(2));
            for (BigDecimal v : notionalByBot.values()) {
                total = total.add(v);
            }
            if (total.compareTo(limits.maxTotalNotionalUsd()) > 0) {
                return "total notional " + total.toPlainString() + " USD would exceed max_total_notional_usd "
                    + limits.maxTotalNotionalUsd().toPlainString();
            }
        }
        // the permit is released by the order outcomes (recordSuccess / recordError)
        return breaker.acquire();
    }

    /** @return {@code true} while halted by the operator or the daily loss limit (not when merely cooling down) */
    public synchronized boolean isHalted() {
        rollDay();
        return haltReason != null;
    }

    /** @return {@code true} unless halted or the breaker is open (no permit is taken) */
    public synchronized boolean tradingAllowed() {
        rollDay();
        return haltReason == null && breaker.state() != CircuitBreaker.State.OPEN
            && breaker.state() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** @return {@code true} while the breaker is open after errors (cooling down); automatic exits pause */
    public boolean coolingDown() {
        return breaker.state() == CircuitBreaker.State.OPEN;
    }

    /** An order the venue accepted (even if nothing filled). */
    public void recordSuccess() {
        breaker.onSuccess();
    }

    /**
     * An order that failed (refused, rate limited, transport error, outcome unknown).
     *
     * @param why the failure
     */
    public void recordError(final Throwable why) {
        breaker.onError(why);
    }

    /**
     * @param bot          the bot
     * @param notionalUsd  the bot's legs' notional now (sum of both venues), USD
     * @param unrealizedUsd the bot's unrealized PnL now, USD
     */
    public synchronized void updateExposure(final String bot, final BigDecimal notionalUsd,
        final BigDecimal unrealizedUsd) {
        notionalByBot.put(bot, notionalUsd);
        dailyLoss.unrealized(bot, unrealizedUsd);
        checkDailyLoss();
    }

    /**
     * @param realizedUsd realized PnL of a round, USD (fees subtracted)
     */
    public synchronized void recordRealized(final BigDecimal realizedUsd) {
        rollDay();
        dailyLoss.addRealized(realizedUsd);
        checkDailyLoss();
    }

    /**
     * Marks a market as having an opportunity in flight.
     *
     * @param venueMarket {@code venue:market}
     * @return {@code false} if another executor has one in flight there
     */
    public synchronized boolean claim(final String venueMarket) {
        return claims.claim(venueMarket);
    }

    /**
     * For a reading of the venues that must not overlap another executor's round on the same markets:
     * compare the value before and after the reading.
     *
     * @param venueMarketA {@code venue:market}
     * @param venueMarketB {@code venue:market}
     * @return -1 while either market is claimed, else a number that changes with every later claim of either
     */
    public synchronized long claimEpoch(final String venueMarketA, final String venueMarketB) {
        return claims.epoch(venueMarketA, venueMarketB);
    }

    /** @param venueMarket {@code venue:market} claimed before */
    public synchronized void release(final String venueMarket) {
        claims.release(venueMarket);
    }

    /**
     * Stops every entry (exits, unwinds and flattens go on) until {@link #resume()}: the operator's halt.
     * Raises an {@link AlertKind#OPERATOR_HALT} alert (not critical, not a breaker trip);
     * {@link #status()} then names the operator in {@link BreakerStatus#haltedBy()}.
     *
     * @param reason for the operator
     */
    public void halt(final String reason) {
        synchronized (this) {
            if (haltReason != null) {
                return;
            }
            haltReason = reason;
            haltedBy = "operator";
            breaker.beginOperatorHalt();
        }
        breaker.forceOpenForOperator();
    }

    /** Lifts a manual or daily-loss halt and closes the breaker. */
    public void resume() {
        synchronized (this) {
            haltReason = null;
            dailyLossHalt = false;
        }
        breaker.close();
    }

    /** @return the breaker's state for the summary */
    public synchronized BreakerStatus status() {
        rollDay();
        final String state = haltReason != null ? "HALTED" : breaker.state().name();
        final String by = haltReason == null ? null : haltedBy;
        return new BreakerStatus(state, breaker.trips(), breaker.lastReason(), dailyLoss.total(), by);
    }

    private void checkDailyLoss() {
        if (limits.maxDailyLossUsd().signum() == 0 || dailyLossHalt) {
            return;
        }
        final BigDecimal daily = dailyLoss.total();
        if (daily.negate().compareTo(limits.maxDailyLossUsd()) >= 0) {
            dailyLossHalt = true;
            final String reason = "daily loss " + daily.negate().toPlainString() + " USD reached max_daily_loss_usd "
                + limits.maxDailyLossUsd().toPlainString();
            if (haltReason == null) {
                haltReason = reason;
                haltedBy = "risk";
                breaker.forceOpen();
            }
        }
    }

    private void rollDay() {
        if (dailyLoss.roll(clock.millis(), limits.dailyResetHourUtc()) && dailyLossHalt) {
            dailyLossHalt = false;
            haltReason = null;
            breaker.close();
        }
    }
}
