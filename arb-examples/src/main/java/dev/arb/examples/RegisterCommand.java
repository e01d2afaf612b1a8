package dev.arb.examples;

import dev.arb.api.ExchangeException;
import dev.arb.api.Secret;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestRegistration;
import dev.arb.vest.VestSigner;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb register}: Vest onboarding, done once per signing key (and again before its delegation
 * expires). Signs the EIP-712 {@code SignerProof} with the primary wallet's key
 * ({@code VEST_PRIMARY_KEY}), sends {@code POST /register} delegating to the signing key
 * ({@code VEST_SIGNING_KEY}, or a fresh one with {@code --generate-signing-key}) and prints the
 * {@code export} lines for {@code VEST_PRIMARY_ADDR}, {@code VEST_API_KEY},
 * {@code VEST_ACCOUNT_GROUP} (and the generated {@code VEST_SIGNING_KEY}) on stdout. Running it again
 * before the expiry renews the delegation. Source: Vest API docs "Authentication" (protocol reference
 * §2).
 *
 * <p>Keys are read from the environment only, never from the command line (which other users of the
 * machine can see); nothing but the values to export is printed, and errors never contain a key.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Register a Vest signing key (POST /register) and print the variables to export.")
public final class RegisterCommand implements Callable<Integer> {
    private static final Pattern KEY32 = Pattern.compile("0x[0-9a-fA-F]{64}");

    @Option(names = "--testnet", description = "Use Vest's dev environment (default: production).")
    boolean testnet;

    @Option(names = "--rest-url", description = "Override the REST base URL (e.g. a local simulator).")
    String restUrl;

    @Option(names = "--expiry-days", defaultValue = "7",
        description = "Delegation length in days (default ${DEFAULT-VALUE}, as in the Vest docs).")
    int expiryDays;

    @Option(names = "--network-type", defaultValue = "0", description = "networkType field (default 0).")
    int networkType;

    @Option(names = "--generate-signing-key",
        description = "Create a new signing key instead of reading VEST_SIGNING_KEY; it is printed once to export.")
    boolean generateSigningKey;

    @Override
    public Integer call() {
        return run(System.getenv(), System.out, System.err);
    }

    /**
     * Registers and prints the result.
     *
     * @param env environment ({@code VEST_PRIMARY_KEY}, {@code VEST_SIGNING_KEY})
     * @param out receives the {@code export} lines
     * @param err receives one-line errors (never a key)
     * @return 0 on success, 1 on a venue or network error, 2 on bad input
     */
    int run(final Map<String, String> env, final PrintStream out, final PrintStream err) {
        if (expiryDays < 1) {
            err.println("register: --expiry-days must be at least 1");
            return 2;
        }
        final Secret primaryKey;
        final Secret signingKey;
        try {
            primaryKey = key(env, "VEST_PRIMARY_KEY");
            signingKey = generateSigningKey ? newKey() : key(env, "VEST_SIGNING_KEY");
        } catch (IllegalArgumentException e) {
            err.println("register: " + e.getMessage());
            return 2;
        }
        final VestConfig.Builder b = testnet ? VestConfig.testnet() : VestConfig.production();
        if (restUrl != null) {
            b.restBaseUrl(restUrl);
        }
        final VestConfig config = b.requestTimeoutMs(10_000).build();
        final long expiry = System.currentTimeMillis() + expiryDays * 24L * 3_600_000L;
        final VestRegistration.Result result;
        try {
            result = VestRegistration.register(config, primaryKey, signingKey, expiry, networkType)
                .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            final String code = cause instanceof ExchangeException ee && ee.venueCode() != null
                ? " (Vest code " + ee.venueCode() + ")" : "";
            err.println("register: failed" + code + ": " + cause.getClass().getSimpleName());
            return 1;
        } catch (TimeoutException e) {
            err.println("register: no answer from Vest within 30 s");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("register: interrupted");
            return 1;
        }
        out.println("export VEST_PRIMARY_ADDR=" + result.primaryAddress());
        if (generateSigningKey) {
            out.println("export VEST_SIGNING_KEY=" + signingKey.reveal());
        }
        out.println("export VEST_API_KEY=" + result.apiKey().reveal());
        out.println("export VEST_ACCOUNT_GROUP=" + result.accountGroup());
        out.println("# signer " + result.signingAddress() + " delegated until "
            + Instant.ofEpochMilli(result.signerExpiryMs()) + "; run 'arb register' again before then");
        return 0;
    }

    private static Secret key(final Map<String, String> env, final String name) {
        final String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set (0x + 64 hex digits)");
        }
        if (!KEY32.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException("environment variable " + name + " is malformed (0x + 64 hex digits)");
        }
        return Secret.of(v.trim());
    }

    private static Secret newKey() {
        final SecureRandom random = new SecureRandom();
        while (true) {
            final byte[] raw = new byte[32];
            random.nextBytes(raw);
            final Secret key = Secret.of("0x" + HexFormat.of().formatHex(raw));
            try {
                VestSigner.fromPrivateKey(key); // derives the address: fails on a malformed key
                return key;
            } catch (RuntimeException e) {
                // astronomically rare: draw again
            }
        }
    }
}
