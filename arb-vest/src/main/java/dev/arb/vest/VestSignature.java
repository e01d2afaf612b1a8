package dev.arb.vest;

import java.util.Objects;

/**
 * A Vest signature and the 32-byte hash it was computed from.
 *
 * <p>For orders and cancels {@code hashHex} is {@code keccak256(abi.encode(args))} (the value that is
 * EIP-191 {@code personal_sign}ed); for registration it is the EIP-712 digest
 * {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}. {@code signatureHex} is {@code 0x} + r(32)
 * + s(32) + v(1), v in {27, 28}, low-s. Source: Vest API docs "Signing" (protocol reference §2, §3).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param hashHex      0x + 64 lowercase hex digits
 * @param signatureHex 0x + 130 lowercase hex digits
 */
public record VestSignature(String hashHex, String signatureHex) {
    /**
     * Validates the fields.
     *
     * @param hashHex      0x + 64 lowercase hex digits
     * @param signatureHex 0x + 130 lowercase hex digits
     * @throws NullPointerException if a field is null
     */
    public VestSignature {
        Objects.requireNonNull(hashHex, "hashHex");
        Objects.requireNonNull(signatureHex, "signatureHex");
    }
}
