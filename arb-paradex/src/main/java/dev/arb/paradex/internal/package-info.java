/**
 * Implementation of the Paradex adapter: typed data and hashing, REST client and decoders, the
 * WebSocket client, and the specialised order-book frame scanner. Public only so that the
 * simulator and benchmarks of this project can reuse them; not a stable API.
 */
package dev.arb.paradex.internal;
