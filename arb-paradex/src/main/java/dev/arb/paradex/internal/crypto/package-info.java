/**
 * Pure-Java STARK-curve cryptography for Paradex signing: the prime field in Montgomery form,
 * fixed-base tables, the Pedersen hash, RFC 6979 ECDSA and the precomputed typed-data hasher of
 * {@code Order} and auth {@code Request} messages.
 *
 * <p>Not public API: may change without notice.
 */
package dev.arb.paradex.internal.crypto;
