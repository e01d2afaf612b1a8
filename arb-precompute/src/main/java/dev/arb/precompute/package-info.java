/**
 * Entries computed ahead, off the decision thread, and used once: {@link dev.arb.precompute.PrecomputedPool}
 * (the venues' ECDSA nonce pools extend it).
 */
package dev.arb.precompute;
