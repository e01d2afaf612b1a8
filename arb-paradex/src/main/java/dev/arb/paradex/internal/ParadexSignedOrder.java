package dev.arb.paradex.internal;

import dev.arb.api.OrderRequest;
import java.util.Objects;

/**
 * A signed Paradex order, everything its JSON needs ({@link ParadexOrderJsonWriter}): kept per client order id while
 * its outcome is unknown, so that a retry re-sends the same bytes. Size and price come from the request at scale 8
 * (price {@code 0} for a market order); the signature is the wire string of protocol reference §5.5.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param request              the order, already validated
 * @param signatureWire        {@code ["<r>","<s>"]}, the {@code signature} field
 * @param signatureTimestampMs the {@code signature_timestamp} field, ms since the epoch
 */
public record ParadexSignedOrder(OrderRequest request, String signatureWire, long signatureTimestampMs) {
    /**
     * Validates the fields.
     *
     * @param request              the order
     * @param signatureWire        the signature's wire string
     * @param signatureTimestampMs ms since the epoch
     * @throws NullPointerException if a field is null
     */
    public ParadexSignedOrder {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(signatureWire, "signatureWire");
    }
}
