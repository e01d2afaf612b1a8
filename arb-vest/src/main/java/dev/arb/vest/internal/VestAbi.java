package dev.arb.vest.internal;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The hashes Vest signs: {@code keccak256(abi.encode(...))} of order and cancel arguments (standard,
 * non-packed ABI encoding) and the EIP-712 {@code SignerProof} digest of registration (domain without
 * chainId). Shared by the adapter and the simulator, which recomputes them to verify signatures.
 *
 * <p>Source: Vest API docs (HB-DOC "Signing", "Authentication"); on-chain {@code VestRouterV2}
 * {@code DOMAIN_TYPEHASH}/{@code DATA_TYPEHASH} (protocol reference §2, §3, gotchas §8.1–8.3).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
@SuppressWarnings("rawtypes") // web3j's FunctionEncoder takes List<Type> with the raw Type
public final class VestAbi {
    /** {@code keccak256("EIP712Domain(string name,string version,address verifyingContract)")}. */
    static final byte[] DOMAIN_TYPEHASH =
        Hash.sha3("EIP712Domain(string name,string version,address verifyingContract)".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    /** {@code keccak256("SignerProof(address approvedSigner,uint256 signerExpiry)")}. */
    static final byte[] SIGNER_PROOF_TYPEHASH =
        Hash.sha3("SignerProof(address approvedSigner,uint256 signerExpiry)".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    private static final byte[] NAME_HASH = Hash.sha3("VestRouterV2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final byte[] VERSION_HASH = Hash.sha3("0.0.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private VestAbi() {
    }

    /**
     * {@code keccak256(abi.encode(uint256 time, uint256 nonce, string orderType, string symbol, bool isBuy,
     * string size, string limitPrice, bool reduceOnly))} for {@code POST /orders}.
     *
     * @param timeMs     order time, ms since the epoch
     * @param nonce      order nonce
     * @param orderType  {@code "MARKET"} or {@code "LIMIT"}
     * @param symbol     market symbol
     * @param isBuy      side
     * @param size       size text exactly as sent (sizeDecimals decimals)
     * @param limitPrice limit price text exactly as sent (priceDecimals decimals)
     * @param reduceOnly reduce-only flag
     * @return the 32-byte hash
     */
    public static byte[] orderArgsHash(final long timeMs, final long nonce, final String orderType, final String symbol,
        final boolean isBuy, final String size, final String limitPrice, final boolean reduceOnly) {
        final List<Type> args = List.of(new Uint256(BigInteger.valueOf(timeMs)), new Uint256(BigInteger.valueOf(nonce)),
            new Utf8String(orderType), new Utf8String(symbol), new Bool(isBuy), new Utf8String(size),
            new Utf8String(limitPrice), new Bool(reduceOnly));
        return keccakOfEncoding(args);
    }

    /**
     * {@code keccak256(abi.encode(uint256 time, uint256 nonce, string id))} for {@code POST /orders/cancel}.
     *
     * @param timeMs  request time, ms since the epoch
     * @param nonce   request nonce
     * @param orderId the venue order id to cancel
     * @return the 32-byte hash
     */
    public static byte[] cancelArgsHash(final long timeMs, final long nonce, final String orderId) {
        final List<Type> args = List.of(new Uint256(BigInteger.valueOf(timeMs)), new Uint256(BigInteger.valueOf(nonce)),
            new Utf8String(orderId));
        return keccakOfEncoding(args);
    }

    /**
     * The EIP-712 digest of {@code SignerProof(approvedSigner, signerExpiry)} under the domain
     * {@code {name:"VestRouterV2", version:"0.0.1", verifyingContract}} (no chainId).
     *
     * @param signingAddress    approved signer, 0x + 40 hex (any case)
     * @param verifyingContract VestRouterV2 address, 0x + 40 hex (any case)
     * @param signerExpiryMs    expiry, ms since the epoch
     * @return the 32-byte digest {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}
     */
    public static byte[] registrationDigest(final String signingAddress, final String verifyingContract,
        final long signerExpiryMs) {
        final byte[] domainSeparator = keccakOfEncoding(List.of(new Bytes32(DOMAIN_TYPEHASH), new Bytes32(NAME_HASH),
            new Bytes32(VERSION_HASH), new Address(verifyingContract)));
        final byte[] structHash = keccakOfEncoding(List.of(new Bytes32(SIGNER_PROOF_TYPEHASH),
            new Address(signingAddress), new Uint256(BigInteger.valueOf(signerExpiryMs))));
        final byte[] preimage = new byte[66];
        preimage[0] = 0x19;
        preimage[1] = 0x01;
        System.arraycopy(domainSeparator, 0, preimage, 2, 32);
        System.arraycopy(structHash, 0, preimage, 34, 32);
        return Hash.sha3(preimage);
    }

    private static byte[] keccakOfEncoding(final List<Type> args) {
        return Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(args)));
    }
}
