package dev.arb.paradex;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A STARK-curve ECDSA signature over a Paradex typed-data message hash.
 *
 * <p>Source: protocol reference §5.4 (STARK curve ECDSA), §5.5 (wire format: a JSON array string of
 * two decimal strings, no spaces, used both in the {@code PARADEX-STARKNET-SIGNATURE} header and in
 * the order body's {@code signature} field).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param messageHashHex the signed message hash, {@code 0x} hex
 * @param r              signature r
 * @param s              signature s
 */
public record ParadexSignature(String messageHashHex, BigInteger r, BigInteger s) {
    /**
     * Validates the fields.
     *
     * @param messageHashHex the signed message hash, {@code 0x} hex
     * @param r              signature r
     * @param s              signature s
     * @throws NullPointerException if a field is null
     */
    public ParadexSignature {
        Objects.requireNonNull(messageHashHex, "messageHashHex");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    /** @return {@code ["<r decimal>","<s decimal>"]} exactly, with no spaces (§5.5) */
    public String wireString() {
        return "[\"" + r + "\",\"" + s + "\"]";
    }
}
