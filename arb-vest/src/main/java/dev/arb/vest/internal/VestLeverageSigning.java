package dev.arb.vest.internal;

import dev.arb.api.Secret;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The optional signature of {@code POST /account/leverage}: {@code keccak256(abi.encode(uint256 time,
 * uint256 nonce, string symbol, uint256 value))}, EIP-191 {@code personal_sign}ed by the signing key,
 * as the RUST bot sends it. The Vest docs show the request unsigned (open question §9.8), so the
 * adapter only uses this when {@code VestConfig.signLeverage()} is set. Off the hot path: web3j's ABI
 * encoder.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestLeverageSigning {
    private VestLeverageSigning() {
    }

    /**
     * @param signingKey the delegate signing key (never in any message)
     * @param timeMs     request {@code time}, ms
     * @param nonce      request nonce
     * @param symbol     market symbol
     * @param leverage   leverage value
     * @return {@code 0x} + r(32) s(32) v(1), v in {27, 28}
     * @throws IllegalArgumentException if the key is not 32 bytes of hex
     */
    public static String sign(final Secret signingKey, final long timeMs, final long nonce, final String symbol,
        final int leverage) {
        final byte[] hash = argsHash(timeMs, nonce, symbol, leverage);
        final String hex = Numeric.cleanHexPrefix(signingKey.reveal().trim());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("private key must be 32 bytes of hex");
        }
        final Sign.SignatureData sig = Sign.signPrefixedMessage(hash, ECKeyPair.create(Numeric.toBigInt(hex)));
        final byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return Numeric.toHexString(out);
    }

    /**
     * @param timeMs   request time, ms
     * @param nonce    nonce
     * @param symbol   market symbol
     * @param leverage leverage value
     * @return keccak256 of the standard ABI encoding of the four arguments
     */
    public static byte[] argsHash(final long timeMs, final long nonce, final String symbol, final int leverage) {
        @SuppressWarnings("rawtypes")
        final List<Type> args = List.of(new Uint256(BigInteger.valueOf(timeMs)), new Uint256(BigInteger.valueOf(nonce)),
            new Utf8String(symbol), new Uint256(BigInteger.valueOf(leverage)));
        return Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(args)));
    }
}
