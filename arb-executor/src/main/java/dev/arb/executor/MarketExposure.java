package dev.arb.executor;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exposure of every bot of one process per venue market, so that a per-market position limit holds
 * across bots: two bots trading {@code vest:BTC-PERP} count against one {@code max_position_base}.
 *
 * <p>Each bot registers one {@link Share} per leg. A share counts the bot's absolute position in the
 * market plus what it has reserved for an entry in flight; the market's <em>gross</em> exposure is the
 * sum of its shares. A bot reserves before sending ({@link Share#tryReserve}): the reservation succeeds
 * only if the gross after it stays within the limits, decided by compare-and-set on the market's gross,
 * so concurrent reservations never exceed a limit. When the round's fills are known the bot settles
 * ({@link Share#settle}): the reservation is dropped and its share becomes its absolute position. Gross
 * (the sum of absolute positions) bounds the venue's net position from above, so limits on it are
 * conservative when bots hold opposite sides.
 *
 * <p>Each share also carries its bot's signed tracked position, so a bot can tell its own part of a
 * venue position shared with other bots ({@link Share#othersPosition()}).
 *
 * <p><b>Note:</b> thread-safe and lock-free. A {@link Share} is written by its bot's state thread only;
 * any thread may read it.
 */
public final class MarketExposure {
    private final ConcurrentHashMap<String, Market> markets = new ConcurrentHashMap<>();

    /** One venue market: its gross exposure and the shares of the bots trading it. */
    private static final class Market {
        final String key;
        final AtomicReference<BigDecimal> gross = new AtomicReference<>(BigDecimal.ZERO);
        final CopyOnWriteArrayList<Share> shares = new CopyOnWriteArrayList<>();

        Market(final String key) {
            this.key = key;
        }

        void add(final BigDecimal delta) {
            if (delta.signum() == 0) {
                return;
            }
            BigDecimal now;
            do {
                now = gross.get();
            } while (!gross.compareAndSet(now, now.add(delta)));
        }
    }

    /**
     * Registers a bot's leg in a market (a bot registers each of its legs once).
     *
     * @param venue  venue name, e.g. {@code vest}
     * @param market the venue's market symbol
     * @param bot    the bot's id (for messages)
     * @return the bot's share of that market, flat and with nothing reserved
     * @throws NullPointerException if an argument is null
     */
    public Share register(final String venue, final String market, final String bot) {
        final String key = Objects.requireNonNull(venue, "venue") + ":" + Objects.requireNonNull(market, "market");
        final Market m = markets.computeIfAbsent(key, Market::new);
        final Share s = new Share(m, Objects.requireNonNull(bot, "bot"));
        m.shares.add(s);
        return s;
    }

    /**
     * @param venue  venue name
     * @param market market symbol
     * @return the market's gross exposure (absolute positions plus reservations of every bot), base units
     */
    public BigDecimal gross(final String venue, final String market) {
        final Market m = markets.get(venue + ":" + market);
        return m == null ? BigDecimal.ZERO : m.gross.get();
    }

    /**
     * @param venue  venue name
     * @param market market symbol
     * @return how many bots (legs) are registered on the market
     */
    public int bots(final String venue, final String market) {
        final Market m = markets.get(venue + ":" + market);
        return m == null ? 0 : m.shares.size();
    }

    /**
     * One bot's part of one venue market.
     *
     * <p><b>Note:</b> mutated by its bot's state thread only; readable from any thread.
     */
    public static final class Share {
        private final Market market;
        private final String bot;
        /** The bot's signed tracked position, base units. */
        private volatile BigDecimal position = BigDecimal.ZERO;
        /** What this share adds to the market's gross: |position| plus the open reservation, base units. */
        private volatile BigDecimal counted = BigDecimal.ZERO;
        private volatile boolean reserved;

        private Share(final Market market, final String bot) {
            this.market = market;
            this.bot = bot;
        }

        /** @return {@code venue:market} */
        public String key() {
            return market.key;
        }

        /** @return the bot's id */
        public String bot() {
            return bot;
        }

        /**
         * Reserves {@code base} more exposure for an entry in flight if the market's gross stays within the
         * limits. Replaces an open reservation of this share (its amount is counted again).
         *
         * @param base         the entry's size on this leg, base units (positive)
         * @param maxBase      largest gross, base units (0 = no limit)
         * @param maxUsd       largest gross notional, USD (0 = no limit)
         * @param priceUsd     a price of the instrument, USD per base unit (for {@code maxUsd})
         * @return null if reserved, else why not (the gross it would reach and the limit)
         * @throws IllegalArgumentException if {@code base} is not positive
         */
        public String tryReserve(final BigDecimal base, final BigDecimal maxBase, final BigDecimal maxUsd,
            final BigDecimal priceUsd) {
            return tryReserve(base, 0, maxBase, maxUsd, priceUsd);
        }

        /**
         * As {@link #tryReserve(BigDecimal, BigDecimal, BigDecimal, BigDecimal)}, and refuses an entry on the
         * side opposite to what the other bots hold on this market: the venue keeps one net position per
         * market, so a bot short where the others are long could not close its part reduce-only.
         *
         * @param base     the entry's size on this leg, base units (positive)
         * @param side     +1 buys on this leg, -1 sells, 0 unknown (no side check)
         * @param maxBase  largest gross, base units (0 = no limit)
         * @param maxUsd   largest gross notional, USD (0 = no limit)
         * @param priceUsd a price of the instrument, USD per base unit (for {@code maxUsd})
         * @return null if reserved, else why not
         * @throws IllegalArgumentException if {@code base} is not positive
         */
        public String tryReserve(final BigDecimal base, final int side, final BigDecimal maxBase,
            final BigDecimal maxUsd, final BigDecimal priceUsd) {
            if (base.signum() <= 0) {
                throw new IllegalArgumentException("reservation must be positive: " + base.toPlainString());
            }
            final BigDecimal others = othersPosition();
            if (side != 0 && others.signum() != 0 && others.signum() != Integer.signum(side)) {
                return "market limit: " + market.key + " is held " + (others.signum() > 0 ? "long " : "short ")
                    + others.abs().toPlainString() + " by other bots; a " + (side > 0 ? "buy" : "sell") + " entry here "
                    + "could not be closed reduce-only (the venue nets one position per market)";
            }
            final BigDecimal next = position.abs().add(base);
            final BigDecimal delta = next.subtract(counted);
            while (true) {
                final BigDecimal now = market.gross.get();
                final BigDecimal after = now.add(delta);
                if (maxBase.signum() > 0 && after.compareTo(maxBase) > 0) {
                    return "market limit: " + market.key + " gross " + after.toPlainString() + " across bots would exceed"
                        + " max_position_base " + maxBase.toPlainString();
                }
                if (maxUsd.signum() > 0 && after.multiply(priceUsd).compareTo(maxUsd) > 0) {
                    return "market limit: " + market.key + " gross notional " + after.multiply(priceUsd).toPlainString()
                        + " USD across bots would exceed max_position_usd " + maxUsd.toPlainString();
                }
                if (market.gross.compareAndSet(now, after)) {
                    counted = next;
                    reserved = true;
                    return null;
                }
            }
        }

        /**
         * Tracks the bot's position while a round may be in flight: with a reservation open, the share
         * counts at least what was reserved; without one, exactly {@code |position|}.
         *
         * @param signedBase the bot's tracked position on this leg, base units
         */
        public void track(final BigDecimal signedBase) {
            position = signedBase;
            final BigDecimal abs = signedBase.abs();
            final BigDecimal next = reserved ? abs.max(counted) : abs;
            market.add(next.subtract(counted));
            counted = next;
        }

        /**
         * Ends the reservation (the round's fills are known): the share counts the bot's absolute position.
         *
         * @param signedBase the bot's tracked position on this leg, base units
         */
        public void settle(final BigDecimal signedBase) {
            reserved = false;
            track(signedBase);
        }

        /** Drops the open reservation (the entry was refused before sending). */
        public void cancelReservation() {
            settle(position);
        }

        /** @return {@code true} while a reservation is open */
        public boolean reserved() {
            return reserved;
        }

        /** @return the bot's signed tracked position on this market, base units */
        public BigDecimal position() {
            return position;
        }

        /** @return the sum of the other bots' signed tracked positions on this market, base units */
        public BigDecimal othersPosition() {
            BigDecimal sum = BigDecimal.ZERO;
            for (Share s : market.shares) {
                if (s != this) {
                    sum = sum.add(s.position);
                }
            }
            return sum;
        }

        /** @return {@code true} if another bot is registered on this market */
        public boolean shared() {
            return market.shares.size() > 1;
        }

        @Override
        public String toString() {
            return "Share[" + bot + " " + market.key + " position " + position.toPlainString() + ", counted "
                + counted.toPlainString() + "]";
        }
    }
}
