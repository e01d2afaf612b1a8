package dev.arb.paradex.sbe;

/**
 * Protocol constants of Paradex's SBE market data.
 *
 * <p>Source: https://docs.paradex.trade/ws/general-information/binary-encoding-sbe and the schema
 * {@code paradex_1_0.xml} (tradeparadex/paradex-py @ b8108aec).
 *
 * <p><b>Note:</b> constants only, thread-safe.
 */
public final class ParadexSbe {
    /** Venue name used in {@link dev.arb.api.OrderBook}s and errors. */
    public static final String VENUE = "paradex";

    /** The schema id every frame's header must carry ({@code sbeSchemaId}). */
    public static final int SCHEMA_ID = 1;

    /**
     * The schema version to negotiate ({@code sbeSchemaVersion}); the docs say "0 or 1. Use 1." The generated
     * codecs (schema version 2) decode version 0 and 1 frames using the header's acting version.
     */
    public static final int NEGOTIATED_SCHEMA_VERSION = 1;

    /** Query string to append to the WebSocket URL, e.g. {@code wss://ws.api.prod.paradex.trade/v1?...}. */
    public static final String URL_QUERY = "sbeSchemaId=1&sbeSchemaVersion=1";

    /** Decimal places of every price (Price8: mantissa × 10^-8), USD per base unit. */
    public static final int PRICE_SCALE = 8;

    /** Decimal places of every size (Qty8: mantissa × 10^-8), base units. */
    public static final int SIZE_SCALE = 8;

    /** Decimal places of rates (Rate8: funding rate, price change), a fraction. */
    public static final int RATE_SCALE = 8;

    /** Decimal places of precise rates (Rate12: {@code fundingRatePrecise}), a fraction. */
    public static final int PRECISE_RATE_SCALE = 12;

    /**
     * The schema's null sentinel for optional int64 fields (INT64_MIN); equal to
     * {@link dev.arb.api.OrderBook#NO_PRICE}.
     */
    public static final long NULL_VALUE = Long.MIN_VALUE;

    private ParadexSbe() {
    }
}
