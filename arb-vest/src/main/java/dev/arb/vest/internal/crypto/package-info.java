/**
 * Allocation-light Vest signing primitives: the ABI encoding of order and cancel arguments into a
 * reused buffer, and secp256k1 signing with the recovery id computed while signing.
 *
 * <p>Not public API: may change without notice.
 */
package dev.arb.vest.internal.crypto;
