package dev.arb.api;

/**
 * Trading status of a venue as last reported (Paradex {@code GET /v1/system/state}: {@code ok},
 * {@code cancel_only}, {@code maintenance}).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum VenueStatus {
    /** Trading normally. */
    OK,
    /** Only cancels are accepted: no new entries. */
    CANCEL_ONLY,
    /** Down for maintenance: nothing is accepted. */
    MAINTENANCE,
    /** Not known (never queried, or the query failed). */
    UNKNOWN;

    /** @return {@code true} only for {@link #OK}: new orders that add exposure may be sent */
    public boolean acceptsNewOrders() {
        return this == OK;
    }
}
