package dev.arb.paradex;

import dev.arb.api.Secret;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import dev.arb.paradex.internal.crypto.StarkPedersen;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * Derives a Paradex L2 (STARK) key and account address from an Ethereum private key, as paradex-py does
 * (protocol reference §6; paradex-py {@code account/utils.py}, {@code message/stark_key.py}):
 * <ol>
 *   <li>sign the EIP-712 typed data {@code Constant{action:"STARK Key"}} in domain
 *   {@code {name:"Paradex", version:"1", chainId:<l1ChainId>}} with the Ethereum key (web3j);</li>
 *   <li>take {@code r} (the first 32 bytes of the 65-byte signature) as minimal big-endian bytes;</li>
 *   <li>grind: {@code key = sha256(r ‖ minimal_bytes(i))} for i = 0, 1, … (i = 0 is the single byte 00) until
 *   {@code key < 2^256 − (2^256 mod n)}; the L2 private key is {@code key mod n} (n the STARK curve order);</li>
 *   <li>the public key is the x coordinate of {@code key·G};</li>
 *   <li>the address is Starknet's {@code compute_address(class_hash = paraclear_account_proxy_hash,
 *   salt = public key, calldata = [paraclear_account_hash, selector("initialize"), 2, public key, 0],
 *   deployer = 0)}.</li>
 * </ol>
 * The class hashes and the L1 chain id come from {@code GET /v1/system/config} ({@link ParadexOnboarding}).
 *
 * <p><b>Note:</b> stateless, thread-safe. Off the hot path.
 */
public final class ParadexAccountDerivation {
    /** STARK curve order n. */
    static final BigInteger STARK_ORDER =
        new BigInteger("0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);
    /** {@code 2^251 − 256}: Starknet's L2 address upper bound. */
    private static final BigInteger ADDRESS_BOUND = BigInteger.ONE.shiftLeft(251).subtract(BigInteger.valueOf(256));
    /** The short string {@code "STARKNET_CONTRACT_ADDRESS"}. */
    private static final BigInteger CONTRACT_ADDRESS_PREFIX =
        new BigInteger(1, "STARKNET_CONTRACT_ADDRESS".getBytes(StandardCharsets.US_ASCII));
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger GRIND_LIMIT = TWO_256.subtract(TWO_256.mod(STARK_ORDER));

    private ParadexAccountDerivation() {
    }

    /**
     * @param ethereumPrivateKey    the L1 key, {@code 0x} hex
     * @param l1ChainId             the L1 chain id ({@code l1_chain_id} of {@code /system/config}; 1 mainnet,
     *                              11155111 Sepolia for testnet)
     * @param accountProxyClassHash {@code paraclear_account_proxy_hash}, {@code 0x} hex
     * @param accountClassHash      {@code paraclear_account_hash}, {@code 0x} hex
     * @return the derived account
     * @throws IllegalArgumentException if the key or a hash is not valid hex
     */
    public static ParadexDerivedAccount derive(final Secret ethereumPrivateKey, final long l1ChainId,
        final String accountProxyClassHash, final String accountClassHash) {
        final ECKeyPair keyPair;
        try {
            keyPair = ECKeyPair.create(Numeric.toBigInt(ethereumPrivateKey.reveal()));
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("Ethereum private key is not hex");
        }
        final byte[] r = starkKeySignatureR(keyPair, l1ChainId);
        final BigInteger l2Key = grind(r);
        final BigInteger publicKey = StarkEcdsa.publicKey(l2Key);
        final String address = accountAddress(publicKey, hex(accountProxyClassHash), hex(accountClassHash));
        return new ParadexDerivedAccount(Keys.toChecksumAddress(Credentials.create(keyPair).getAddress()),
            Secret.of("0x" + l2Key.toString(16)), "0x" + publicKey.toString(16), address);
    }

    /**
     * Signs the {@code STARK Key} EIP-712 message (§6 step 1).
     *
     * @param keyPair   the Ethereum key
     * @param l1ChainId the L1 chain id
     * @return {@code r}, 32 bytes
     */
    static byte[] starkKeySignatureR(final ECKeyPair keyPair, final long l1ChainId) {
        final String json = "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\","
            + "\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"}],\"Constant\":[{\"name\":\"action\","
            + "\"type\":\"string\"}]},\"primaryType\":\"Constant\",\"domain\":{\"name\":\"Paradex\",\"version\":\"1\","
            + "\"chainId\":" + l1ChainId + "},\"message\":{\"action\":\"STARK Key\"}}";
        final byte[] digest;
        try {
            digest = new StructuredDataEncoder(json).hashStructuredData();
        } catch (final IOException e) {
            throw new IllegalStateException("EIP-712 encoding of the STARK Key message failed", e);
        }
        return Sign.signMessage(digest, keyPair, false).getR();
    }

    /**
     * Key grinding (§6 step 3).
     *
     * @param r the signature's r (leading zero bytes are stripped)
     * @return the L2 private key in {@code 1..n-1}
     */
    static BigInteger grind(final byte[] r) {
        final byte[] seed = new BigInteger(1, r).toByteArray();
        final byte[] minimalSeed = seed.length > 1 && seed[0] == 0 ? Arrays.copyOfRange(seed, 1, seed.length) : seed;
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (long i = 0; ; i++) {
            sha.reset();
            sha.update(minimalSeed);
            sha.update(minimalBytes(i));
            final BigInteger key = new BigInteger(1, sha.digest());
            if (key.compareTo(GRIND_LIMIT) < 0) {
                return key.mod(STARK_ORDER);
            }
        }
    }

    private static byte[] minimalBytes(final long i) {
        if (i == 0) {
            return new byte[] {0};
        }
        final byte[] b = BigInteger.valueOf(i).toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /**
     * Starknet {@code compute_address} of the Paradex account proxy (§6 step 5).
     *
     * @param publicKey             STARK public key
     * @param accountProxyClassHash {@code paraclear_account_proxy_hash}
     * @param accountClassHash      {@code paraclear_account_hash}
     * @return the address, {@code 0x} hex, lowercase, no zero padding
     */
    static String accountAddress(final BigInteger publicKey, final BigInteger accountProxyClassHash,
        final BigInteger accountClassHash) {
        final BigInteger calldataHash = StarkPedersen.hashOnElements(accountClassHash, selector("initialize"),
            BigInteger.TWO, publicKey, BigInteger.ZERO);
        final BigInteger h = StarkPedersen.hashOnElements(CONTRACT_ADDRESS_PREFIX, BigInteger.ZERO, publicKey,
            accountProxyClassHash, calldataHash);
        return "0x" + h.mod(ADDRESS_BOUND).toString(16);
    }

    /**
     * @param name an entry-point name
     * @return Starknet's selector: {@code keccak256(name)} masked to 250 bits
     */
    static BigInteger selector(final String name) {
        return new BigInteger(1, Hash.sha3(name.getBytes(StandardCharsets.US_ASCII)))
            .and(BigInteger.ONE.shiftLeft(250).subtract(BigInteger.ONE));
    }

    private static BigInteger hex(final String h) {
        return Numeric.toBigInt(h);
    }
}
