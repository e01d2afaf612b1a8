/**
 * Vest protocol layer, not API: ABI hashing, frame decoding, REST transport, error mapping, order
 * JSON and the WebSocket client. Public only so that the adapter, the simulator and benchmarks in
 * other packages can use them.
 */
package dev.arb.vest.internal;
