package dev.arb.executor;

/**
 * A copy of what one bot sees of the market at one instant, for the operator plane: both legs' best
 * levels and book ages, and the spreads of both directions (gross and net of taker fees). Written by
 * {@link DeltaNeutralExecutor#captureMarket} on the engine's thread into a caller-owned, reused object
 * (no allocation), then read by other threads under the version counter: a reader copies the fields
 * between two reads of {@link #version()} and retries if they differ or the version is odd.
 *
 * <p>Prices are fixed-point at each leg's price scale, sizes at its size scale; {@link Long#MIN_VALUE}
 * for an empty side. Spreads are percent; NaN when the books are not usable (invalid, crossed, thin).
 *
 * <p><b>Note:</b> single writer (the engine's thread), many readers through the version protocol.
 */
public final class MarketSnapshot {
    private volatile long version;
    /** Capture time, ms since the epoch. */
    public long capturedAtMs;
    /** Legs A and B (index 0 and 1): best bid, its size, best ask, its size, book age in ms, price and size scale. */
    public final long[] bid = new long[2];
    /** Size at the best bid per leg, base units at the leg's size scale. */
    public final long[] bidSize = new long[2];
    /** Best ask per leg, at the leg's price scale. */
    public final long[] ask = new long[2];
    /** Size at the best ask per leg, at the leg's size scale. */
    public final long[] askSize = new long[2];
    /** Age of each leg's book, ms. */
    public final long[] bookAgeMs = new long[2];
    /** Each leg's price scale (decimal places). */
    public final int[] priceScale = new int[2];
    /** Each leg's size scale (decimal places). */
    public final int[] sizeScale = new int[2];
    /** Each leg's tracked position, base units at its size scale, signed. */
    public final long[] position = new long[2];
    /** Each leg's funding rate per hour, fraction (positive = longs pay), NaN when unknown. */
    public final double[] fundingRatePerHour = new double[2];
    /** Each leg's venue name. */
    public final String[] venue = new String[2];
    /** Each leg's market symbol. */
    public final String[] market = new String[2];
    /** {@code true} while the operator paused this bot's entries. */
    public boolean entriesPaused;
    /** Gross spread buying A and selling B, percent. */
    public double buyASellBPct = Double.NaN;
    /** Gross spread buying B and selling A, percent. */
    public double buyBSellAPct = Double.NaN;
    /** {@link #buyASellBPct} net of both taker fees, percent. */
    public double buyASellBNetPct = Double.NaN;
    /** {@link #buyBSellAPct} net of both taker fees, percent. */
    public double buyBSellANetPct = Double.NaN;

    /** @return the version: even when stable, odd while being written */
    public long version() {
        return version;
    }

    void beginWrite() {
        version++;
    }

    void endWrite() {
        version++;
    }
}
