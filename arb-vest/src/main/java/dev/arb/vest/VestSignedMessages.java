package dev.arb.vest;

import dev.arb.vest.internal.VestAbi;

/**
 * The digests Vest verifies signatures against, for those who check signatures rather than make them: simulators,
 * auditors of a journal, tests. Signing goes through {@link VestSigner}. Sources: Vest protocol reference §3
 * (order and cancel arguments, EIP-191 over the keccak of their ABI encoding) and §2 (EIP-712
 * {@code SignerProof} of {@code POST /register}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestSignedMessages {
    private VestSignedMessages() {
    }

    /**
     * {@code keccak256(abi.encode(uint256 time, uint256 nonce, string orderType, string symbol, bool isBuy,
     * string size, string limitPrice, bool reduceOnly))}: what an order's EIP-191 signature covers.
     *
     * @param timeMs     order time, ms since the epoch
     * @param nonce      order nonce
     * @param orderType  {@code "MARKET"} or {@code "LIMIT"}
     * @param symbol     market symbol, e.g. {@code BTC-PERP}
     * @param isBuy      side
     * @param size       size text exactly as sent (the market's size decimals)
     * @param limitPrice limit price text exactly as sent (the market's price decimals)
     * @param reduceOnly reduce-only flag
     * @return the 32-byte hash, a new array
     */
    public static byte[] orderArgsHash(final long timeMs, final long nonce, final String orderType, final String symbol,
        final boolean isBuy, final String size, final String limitPrice, final boolean reduceOnly) {
        return VestAbi.orderArgsHash(timeMs, nonce, orderType, symbol, isBuy, size, limitPrice, reduceOnly);
    }

    /**
     * {@code keccak256(abi.encode(uint256 time, uint256 nonce, string id))}: what a cancel's signature covers.
     *
     * @param timeMs  request time, ms since the epoch
     * @param nonce   request nonce
     * @param orderId the venue order id to cancel
     * @return the 32-byte hash, a new array
     */
    public static byte[] cancelArgsHash(final long timeMs, final long nonce, final String orderId) {
        return VestAbi.cancelArgsHash(timeMs, nonce, orderId);
    }

    /**
     * The EIP-712 digest of {@code SignerProof(approvedSigner, signerExpiry)} under the domain
     * {@code {name:"VestRouterV2", version:"0.0.1", verifyingContract}} (no chainId).
     *
     * @param signingAddress    approved signer, 0x + 40 hex digits (any case)
     * @param verifyingContract VestRouterV2 address, 0x + 40 hex digits (any case)
     * @param signerExpiryMs    expiry, ms since the epoch
     * @return the 32-byte digest {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}, a new array
     */
    public static byte[] registrationDigest(final String signingAddress, final String verifyingContract,
        final long signerExpiryMs) {
        return VestAbi.registrationDigest(signingAddress, verifyingContract, signerExpiryMs);
    }
}
