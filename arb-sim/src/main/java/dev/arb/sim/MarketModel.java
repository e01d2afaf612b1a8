package dev.arb.sim;

import java.util.SplittableRandom;

/**
 * The one seeded market both simulated venues quote from: a shared fair price random walk, and per
 * venue a lag, noise and occasional dislocations, so that the cross-venue spread crosses a 0.15 %
 * entry threshold several times a minute and then converges again.
 *
 * <p>The model is a pure function of ({@code seed}, venue, step): {@link #venueMid(int, long)} returns
 * the same value for the same arguments whatever the call order or thread, so the same seed gives
 * the same price path on every run. A step is {@link Config#stepMillis()} of simulated time.
 *
 * <p><b>Funding.</b> Each venue also has a funding rate per hour ({@link #fundingRatePerHour(int, long)}), a
 * fraction, positive = longs pay shorts: the venue's base rate ({@link Config#fundingRatePerHourA()},
 * {@link Config#fundingRatePerHourB()}) plus a slow sine of amplitude {@link Config#fundingSwingPerHour()} and
 * period {@value #FUNDING_SWING_PERIOD_HOURS} h of simulated time, whose phase per venue comes from the seed. It
 * is a pure function of ({@code seed}, venue, step) too, and draws nothing from the price path's random stream
 * (the same seed gives the same prices with or without funding). The simulators publish it in each venue's
 * convention and pay it on open positions.
 *
 * <p><b>Pushed moves.</b> A test can push the price hard ({@link #pushPrice}): from a step on, every price (fair and
 * both venues' mids) is multiplied by a ramp to {@code 1 + fraction} over a number of steps, and stays there. Pushes
 * are explicit inputs: without them the path is the seed's.
 *
 * <p><b>Memory.</b> The path is computed lazily in chunks of {@value #CHUNK_STEPS} steps and kept in rings of
 * {@value #WINDOW_STEPS} steps, so a model that runs for days holds a constant ~330 KB: a step (less the venue's lag)
 * more than {@link #RETAINED_STEPS} steps older than the newest computed one is gone, and asking for it is an
 * {@link IllegalArgumentException}. A dislocation may run on into the next chunk; chunk boundaries are fixed, so the
 * path does not depend on the order of the calls.
 *
 * <p><b>Note:</b> thread-safe (the lazily extended path and the pushes are guarded by this object's monitor).
 */
public final class MarketModel {
    /** Venue index of the first venue (by convention Vest). */
    public static final int VENUE_A = 0;
    /** Venue index of the second venue (by convention Paradex). */
    public static final int VENUE_B = 1;

    /** Period of the funding rate's slow swing, hours of simulated time. */
    public static final double FUNDING_SWING_PERIOD_HOURS = 24.0;
    private static final double MS_PER_HOUR = 3_600_000.0;
    /** Steps computed at a time; also the longest a dislocation can run (hold + decay). */
    static final int CHUNK_STEPS = 1_024;
    /** Ring size, steps (a power of two). */
    static final int WINDOW_STEPS = 8_192;
    /** Steps behind the newest computed step that can still be asked for (the ring less two chunks). */
    public static final int RETAINED_STEPS = WINDOW_STEPS - 2 * CHUNK_STEPS;
    private static final int MASK = WINDOW_STEPS - 1;

    private final Config config;
    private final double[] fundingPhase = new double[2];
    private final double[] fair = new double[WINDOW_STEPS];
    private final double[][] dislocation = new double[2][WINDOW_STEPS];
    private final double[][] noise = new double[2][WINDOW_STEPS];
    /** Steps computed so far: {@code [0, computed)}, of which the last {@link #RETAINED_STEPS} are kept. */
    private long computed;
    private final SplittableRandom random;
    /** Pushed moves: {fromStep, overSteps, fraction} each. */
    private final java.util.List<double[]> pushes = new java.util.ArrayList<>();

    /** @param config model parameters */
    public MarketModel(final Config config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        // a separate stream, so that funding leaves the price path of a seed unchanged
        final SplittableRandom phases = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        fundingPhase[VENUE_A] = phases.nextDouble(2 * Math.PI);
        fundingPhase[VENUE_B] = phases.nextDouble(2 * Math.PI);
    }

    /**
     * The venue's funding rate at a step: {@code base + swing × sin(2π × hours / 24 + phase)}, where
     * {@code hours} is the step's simulated time ({@link #stepTimeMs(long)}) in hours.
     *
     * @param venue {@link #VENUE_A} or {@link #VENUE_B}
     * @param step  simulated step, 0..
     * @return funding rate per hour, fraction ({@code 0.00001} = 0.001 %/h); positive = longs pay shorts
     */
    public double fundingRatePerHour(final int venue, final long step) {
        final double base = venue == VENUE_A ? config.fundingRatePerHourA() : config.fundingRatePerHourB();
        final double swing = config.fundingSwingPerHour();
        if (swing == 0) {
            return base;
        }
        final double hours = stepTimeMs(step) / MS_PER_HOUR;
        return base + swing * Math.sin(2 * Math.PI * hours / FUNDING_SWING_PERIOD_HOURS + fundingPhase[venue]);
    }

    /** @return the parameters */
    public Config config() {
        return config;
    }

    /**
     * @param step simulated step, 0..
     * @return the fair price at that step, USD
     */
    public synchronized double fairPrice(final long step) {
        ensure(step, 0);
        return fair[(int) (step & MASK)] * pushFactor(step);
    }

    /**
     * Pushes every price (fair and both venues) by {@code fraction} from {@code fromStep} on, reached linearly over
     * {@code overSteps} steps and held afterwards; pushes multiply. For tests that need the market to move hard,
     * e.g. against one leg of a pair until its venue would liquidate it.
     *
     * @param fromStep  first step moved (use the simulators' current step + 1 to move from now on)
     * @param overSteps steps to reach the full move, ≥ 1
     * @param fraction  the move, e.g. {@code 0.2} for +20 %, {@code -0.2} for −20 %; above −1
     * @throws IllegalArgumentException if {@code overSteps < 1}, {@code fromStep < 0} or {@code fraction <= -1}
     */
    public synchronized void pushPrice(final long fromStep, final int overSteps, final double fraction) {
        if (overSteps < 1 || fromStep < 0 || !(fraction > -1) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException("pushPrice needs fromStep >= 0, overSteps >= 1 and fraction > -1");
        }
        pushes.add(new double[] {fromStep, overSteps, fraction});
    }

    /** @return the product of the pushes' factors at {@code step} (1 without pushes) */
    private double pushFactor(final long step) {
        double f = 1.0;
        for (final double[] p : pushes) {
            if (step >= p[0]) {
                f *= 1.0 + p[2] * Math.min(1.0, (step - p[0] + 1) / p[1]);
            }
        }
        return f;
    }

    /**
     * The mid price a venue quotes at a step: the fair price {@code lagSteps} earlier, times
     * {@code (1 + noise + dislocation)}.
     *
     * @param venue {@link #VENUE_A} or {@link #VENUE_B}
     * @param step  simulated step, 0..
     * @return mid price, USD
     * @throws IllegalArgumentException if {@code step} is negative, or {@code step} less the venue's lag is more
     *                                  than {@link #RETAINED_STEPS} behind the newest computed step
     */
    public synchronized double venueMid(final int venue, final long step) {
        final int lag = venue == VENUE_A ? config.lagStepsA() : config.lagStepsB();
        ensure(step, lag);
        final int s = (int) (step & MASK);
        final double base = fair[(int) (Math.max(0, step - lag) & MASK)];
        return base * pushFactor(step) * (1.0 + noise[venue][s] + dislocation[venue][s]);
    }

    /**
     * @param step simulated step
     * @return the simulated time of the step, ms after the start
     */
    public long stepTimeMs(final long step) {
        return step * config.stepMillis();
    }

    private void ensure(final long step, final int lag) {
        if (step < 0) {
            throw new IllegalArgumentException("step out of range: " + step);
        }
        while (step >= computed) {
            computeChunk();
        }
        if (Math.max(0, step - lag) < computed - RETAINED_STEPS) {
            throw new IllegalArgumentException("step " + step + " is older than the model keeps (the last "
                + RETAINED_STEPS + " steps before " + computed + ')');
        }
    }

    /** Computes steps {@code [computed, computed + CHUNK_STEPS)}; clears the ring's next chunk for carried dislocations. */
    private void computeChunk() {
        final long start = computed;
        final long end = start + CHUNK_STEPS;
        for (long s = end; s < end + CHUNK_STEPS; s++) {
            dislocation[VENUE_A][(int) (s & MASK)] = 0;
            dislocation[VENUE_B][(int) (s & MASK)] = 0;
        }
        for (long s = start; s < end; s++) {
            final int i = (int) (s & MASK);
            fair[i] = s == 0 ? config.startPrice()
                : fair[(int) ((s - 1) & MASK)] * Math.exp(config.volatilityPerStep() * random.nextGaussian());
            for (int v = 0; v < 2; v++) {
                noise[v][i] = config.noise() * random.nextGaussian();
            }
            if (random.nextDouble() < config.dislocationProbabilityPerStep()) {
                startDislocation(s, end + CHUNK_STEPS);
            }
        }
        computed = end;
    }

    private void startDislocation(final long start, final long end) {
        final int venue = random.nextBoolean() ? VENUE_A : VENUE_B;
        final double sign = random.nextBoolean() ? 1.0 : -1.0;
        final double size = config.dislocationMin()
            + random.nextDouble() * (config.dislocationMax() - config.dislocationMin());
        final int hold = config.dislocationHoldSteps();
        final int decay = config.dislocationDecaySteps();
        for (int i = 0; i < hold + decay && start + i < end; i++) {
            final double weight = i < hold ? 1.0 : 1.0 - (double) (i - hold) / decay;
            dislocation[venue][(int) ((start + i) & MASK)] += sign * size * weight;
        }
    }

    /**
     * Model parameters. Ratios are fractions ({@code 0.003} = 0.3 %).
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param seed                          random seed
     * @param startPrice                    fair price at step 0, USD
     * @param stepMillis                    simulated ms per step
     * @param volatilityPerStep             log-return standard deviation of the fair price per step
     * @param noise                         per-venue mid noise standard deviation (fraction)
     * @param lagStepsA                     steps venue A lags the fair price
     * @param lagStepsB                     steps venue B lags the fair price
     * @param dislocationProbabilityPerStep chance a dislocation starts at a step
     * @param dislocationMin                smallest dislocation (fraction of price)
     * @param dislocationMax                largest dislocation (fraction of price)
     * @param dislocationHoldSteps          steps a dislocation holds at full size
     * @param dislocationDecaySteps         steps it then takes to fade to zero
     * @param fundingRatePerHourA           venue A's base funding rate per hour (fraction, positive = longs pay)
     * @param fundingRatePerHourB           venue B's base funding rate per hour (fraction, positive = longs pay)
     * @param fundingSwingPerHour           amplitude of the slow swing around each base rate, per hour (fraction,
     *                                      0 for constant rates)
     */
    public record Config(long seed, double startPrice, long stepMillis, double volatilityPerStep, double noise,
        int lagStepsA, int lagStepsB, double dislocationProbabilityPerStep, double dislocationMin,
        double dislocationMax, int dislocationHoldSteps, int dislocationDecaySteps, double fundingRatePerHourA,
        double fundingRatePerHourB, double fundingSwingPerHour) {

        /** Default base funding rate of venue A (Vest): +0.0010 %/h. */
        public static final double DEFAULT_FUNDING_RATE_PER_HOUR_A = 0.000010;
        /** Default base funding rate of venue B (Paradex): −0.0005 %/h. */
        public static final double DEFAULT_FUNDING_RATE_PER_HOUR_B = -0.000005;
        /** Default swing amplitude: ±0.0002 %/h, so the venues' rates never cross. */
        public static final double DEFAULT_FUNDING_SWING_PER_HOUR = 0.000002;

        /**
         * Validates.
         *
         * @throws IllegalArgumentException if a funding parameter is not finite or the swing is negative
         */
        public Config {
            if (!Double.isFinite(fundingRatePerHourA) || !Double.isFinite(fundingRatePerHourB)
                || !Double.isFinite(fundingSwingPerHour) || fundingSwingPerHour < 0) {
                throw new IllegalArgumentException("funding rates must be finite and the swing >= 0");
            }
        }

        /**
         * The price parameters with the default funding rates
         * ({@link #DEFAULT_FUNDING_RATE_PER_HOUR_A}, {@link #DEFAULT_FUNDING_RATE_PER_HOUR_B},
         * {@link #DEFAULT_FUNDING_SWING_PER_HOUR}).
         *
         * @param seed                          random seed
         * @param startPrice                    fair price at step 0, USD
         * @param stepMillis                    simulated ms per step
         * @param volatilityPerStep             log-return standard deviation per step
         * @param noise                         per-venue mid noise standard deviation (fraction)
         * @param lagStepsA                     steps venue A lags
         * @param lagStepsB                     steps venue B lags
         * @param dislocationProbabilityPerStep chance a dislocation starts at a step
         * @param dislocationMin                smallest dislocation (fraction)
         * @param dislocationMax                largest dislocation (fraction)
         * @param dislocationHoldSteps          steps a dislocation holds
         * @param dislocationDecaySteps         steps it takes to fade
         */
        public Config(final long seed, final double startPrice, final long stepMillis, final double volatilityPerStep,
            final double noise, final int lagStepsA, final int lagStepsB, final double dislocationProbabilityPerStep,
            final double dislocationMin, final double dislocationMax, final int dislocationHoldSteps,
            final int dislocationDecaySteps) {
            this(seed, startPrice, stepMillis, volatilityPerStep, noise, lagStepsA, lagStepsB,
                dislocationProbabilityPerStep, dislocationMin, dislocationMax, dislocationHoldSteps,
                dislocationDecaySteps, DEFAULT_FUNDING_RATE_PER_HOUR_A, DEFAULT_FUNDING_RATE_PER_HOUR_B,
                DEFAULT_FUNDING_SWING_PER_HOUR);
        }

        /**
         * @param ratePerHourA venue A's base funding rate per hour (fraction)
         * @param ratePerHourB venue B's base funding rate per hour (fraction)
         * @param swingPerHour amplitude of the slow swing per hour (fraction; 0 for constant rates)
         * @return a copy with these funding parameters
         */
        public Config withFunding(final double ratePerHourA, final double ratePerHourB, final double swingPerHour) {
            return new Config(seed, startPrice, stepMillis, volatilityPerStep, noise, lagStepsA, lagStepsB,
                dislocationProbabilityPerStep, dislocationMin, dislocationMax, dislocationHoldSteps,
                dislocationDecaySteps, ratePerHourA, ratePerHourB, swingPerHour);
        }

        /**
         * Defaults for a BTC-like market quoted every 100 ms: about 6 dislocations of 0.25–0.45 %
         * a minute, each holding 2 s and fading over 3 s; funding around +0.0010 %/h on venue A and
         * −0.0005 %/h on venue B, each swinging ±0.0002 %/h over a simulated day.
         *
         * @param seed random seed
         * @return the default configuration
         */
        public static Config defaults(final long seed) {
            return new Config(seed, 65_000.0, 100, 0.00004, 0.00003, 1, 2, 0.01, 0.0025, 0.0045, 20, 30);
        }
    }
}
