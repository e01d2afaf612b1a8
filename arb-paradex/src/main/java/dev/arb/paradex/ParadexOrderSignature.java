package dev.arb.paradex;

import java.util.Objects;

/**
 * A signed Paradex order with the signature timestamp the signer chose ({@link ParadexSigner#signOrderNow}): the body
 * must carry {@code signature_timestamp} = {@link #signatureTimestampMs()} (protocol reference §3.4, §5.1).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param signatureTimestampMs the signed {@code timestamp}, ms since the epoch
 * @param signature            the message hash and signature
 */
public record ParadexOrderSignature(long signatureTimestampMs, ParadexSignature signature) {
    /**
     * Validates the fields.
     *
     * @param signatureTimestampMs the signed {@code timestamp}, ms since the epoch
     * @param signature            the message hash and signature
     * @throws NullPointerException if the signature is null
     */
    public ParadexOrderSignature {
        Objects.requireNonNull(signature, "signature");
    }
}
