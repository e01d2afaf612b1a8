package dev.arb.examples;

import dev.arb.api.Secret;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Venue credentials read from environment variables, validated before any connection is made.
 *
 * <p>Vest: {@code VEST_PRIMARY_ADDR} (0x + 40 hex), {@code VEST_SIGNING_KEY} (0x + 64 hex),
 * {@code VEST_API_KEY}, {@code VEST_ACCOUNT_GROUP} (integer ≥ 0), and optionally
 * {@code VEST_PRIMARY_KEY} (0x + 64 hex; only registration needs it, so the trading bot does not
 * ask for the wallet's key — validated if set). Paradex: {@code PARADEX_ACCOUNT_ADDRESS} (0x hex, at
 * most 64 digits) and {@code PARADEX_PRIVATE_KEY} (0x hex, at most 64 digits).
 *
 * <p>Keys and the Starknet address are also checked against their ranges, so that a value that is
 * well-formed hex but no key at all (all {@code 00}, all {@code ff}, {@code 0x0}, an address above the
 * Stark field prime) is refused here, before the journal is opened or a venue contacted: Vest keys in
 * [1, secp256k1 order), the Paradex key in [1, Stark curve order), the address in [1, Stark prime).
 *
 * <p>A missing or malformed variable is a {@link CredentialException} whose one-line message names
 * the variable and never contains its value.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class Credentials {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern KEY32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern FELT = Pattern.compile("0x[0-9a-fA-F]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[0-9]{1,4}");
    /** Order n of secp256k1: an Ethereum private key is in [1, n). */
    private static final BigInteger SECP256K1_N =
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    /** Order of the Stark curve's generator: a Stark private key is in [1, order). */
    private static final BigInteger STARK_ORDER =
        new BigInteger("0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);
    /** The Stark field prime 2^251 + 17·2^192 + 1: a Starknet address is a field element below it. */
    private static final BigInteger STARK_PRIME =
        new BigInteger("0800000000000011000000000000000000000000000000000000000000000001", 16);
    private static final String SECP_RANGE =
        "a secp256k1 private key: 0x + 64 hex digits, not all 0, below the curve order n";
    private static final String STARK_KEY_RANGE = "a Stark private key: 0x + at most 64 hex digits, not 0, below the Stark curve "
        + "order";

    private Credentials() {
    }

    /**
     * Vest credentials.
     *
     * @param primaryAddress wallet that holds balances
     * @param primaryKey     wallet key, or null when not provided
     * @param signingKey     delegated signing key
     * @param apiKey         API key from {@code POST /register}
     * @param accountGroup   server shard from {@code POST /register}
     */
    public record Vest(String primaryAddress, Secret primaryKey, Secret signingKey, Secret apiKey, int accountGroup) {
    }

    /**
     * Paradex credentials.
     *
     * @param accountAddress L2 account address
     * @param privateKey     STARK private key
     */
    public record Paradex(String accountAddress, Secret privateKey) {
    }

    /**
     * @param env environment variables
     * @return validated Vest credentials
     * @throws CredentialException naming the first missing or malformed variable
     */
    public static Vest vest(final Map<String, String> env) {
        final String primaryAddress = required(env, "VEST_PRIMARY_ADDR", ADDRESS, "0x followed by 40 hex digits");
        final String primaryKeyRaw = env.get("VEST_PRIMARY_KEY");
        Secret primaryKey = null;
        if (primaryKeyRaw != null && !primaryKeyRaw.isBlank()) {
            primaryKey = Secret.of(inRange("VEST_PRIMARY_KEY", checked("VEST_PRIMARY_KEY", primaryKeyRaw.trim(), KEY32,
                "0x followed by 64 hex digits"), BigInteger.ONE, SECP256K1_N, SECP_RANGE));
        }
        final Secret signingKey = Secret.of(inRange("VEST_SIGNING_KEY", required(env, "VEST_SIGNING_KEY", KEY32,
            "0x followed by 64 hex digits"), BigInteger.ONE, SECP256K1_N, SECP_RANGE));
        final Secret apiKey = Secret.of(required(env, "VEST_API_KEY", null, "non-empty"));
        final int group = Integer.parseInt(required(env, "VEST_ACCOUNT_GROUP", GROUP, "an integer >= 0"));
        return new Vest(primaryAddress.toLowerCase(java.util.Locale.ROOT), primaryKey, signingKey, apiKey, group);
    }

    /**
     * @param env environment variables
     * @return validated Paradex credentials
     * @throws CredentialException naming the first missing or malformed variable
     */
    public static Paradex paradex(final Map<String, String> env) {
        final String account = inRange("PARADEX_ACCOUNT_ADDRESS", required(env, "PARADEX_ACCOUNT_ADDRESS", FELT,
            "0x followed by at most 64 hex digits"), BigInteger.ONE, STARK_PRIME,
            "a Starknet address: not 0, below the Stark field prime 2^251 + 17*2^192 + 1");
        final Secret key = Secret.of(inRange("PARADEX_PRIVATE_KEY", required(env, "PARADEX_PRIVATE_KEY", FELT,
            "0x followed by at most 64 hex digits"), BigInteger.ONE, STARK_ORDER, STARK_KEY_RANGE));
        return new Paradex(account.toLowerCase(java.util.Locale.ROOT), key);
    }

    private static String required(final Map<String, String> env, final String name, final Pattern pattern,
        final String expected) {
        final String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new CredentialException("environment variable " + name + " is not set (expected " + expected + ")");
        }
        return checked(name, value.trim(), pattern, expected);
    }

    private static String checked(final String name, final String value, final Pattern pattern, final String expected) {
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw new CredentialException("environment variable " + name + " is malformed (expected " + expected + ")");
        }
        return value;
    }

    /**
     * @param value well-formed {@code 0x} hex (already checked by {@link #checked})
     * @return {@code value} if {@code min <= value < maxExclusive}
     * @throws CredentialException naming the variable (never its value) and the range expected
     */
    private static String inRange(final String name, final String value, final BigInteger min,
        final BigInteger maxExclusive, final String expected) {
        final BigInteger v = new BigInteger(value.substring(2), 16);
        if (v.compareTo(min) < 0 || v.compareTo(maxExclusive) >= 0) {
            throw new CredentialException("environment variable " + name + " is out of range (expected " + expected
                + "); copy the value again from where it was generated");
        }
        return value;
    }

    /**
     * A missing or malformed credential variable. The message names the variable, never its value.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    public static final class CredentialException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message one line naming the variable */
        public CredentialException(final String message) {
            super(message, null, false, false);
        }
    }
}
