package dev.arb.paradex.sbe;

import dev.arb.api.Side;

/**
 * One of our fills from a Paradex SBE {@code FillEvent} (template 21, private {@code fills} channel; schema
 * {@code paradex_1_0.xml}). Prices, sizes and the fee are fixed-point at scale 8 (the schema's exponent −8);
 * times are µs since the epoch. The venue's docs say private payloads stay JSON while the schema defines them
 * (paradex-sbe reference §1): a client handles both.
 *
 * <p><b>Note:</b> immutable, thread-safe (allocated per fill; fills are rare).
 *
 * @param market          market symbol
 * @param fillId          venue fill id
 * @param orderId         venue order id
 * @param clientOrderId   our client order id ("" if none)
 * @param tradeId         venue trade id
 * @param side            our side
 * @param maker           {@code true} if we provided liquidity
 * @param price           fill price at scale 8
 * @param size            fill size at scale 8
 * @param fee             fee at scale 8, USDC (negative for a rebate)
 * @param createdAtMicros venue time of the fill, µs
 */
public record FillUpdate(String market, String fillId, String orderId, String clientOrderId, String tradeId, Side side,
    boolean maker, long price, long size, long fee, long createdAtMicros) {
}
