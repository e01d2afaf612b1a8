/**
 * Paradex adapter of the arb SDK: {@link dev.arb.paradex.ParadexAdapter} (an
 * {@link dev.arb.api.ExchangeAdapter}), its {@link dev.arb.paradex.ParadexConfig} and the STARK
 * {@link dev.arb.paradex.ParadexSigner} of orders and auth requests (StarkNet typed data, legacy
 * revision 0, Pedersen).
 *
 * <p>Protocol facts cite the project's Paradex protocol reference (sections §1–§10), which is
 * gathered from the public Paradex docs (docs.paradex.trade), paradex-py and the official code
 * samples. Prices and sizes of every Paradex market are fixed-point at scale 8.
 */
package dev.arb.paradex;
