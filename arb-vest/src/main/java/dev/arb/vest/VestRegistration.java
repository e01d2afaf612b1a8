package dev.arb.vest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.AuthenticationException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.Secret;
import dev.arb.vest.internal.VestRestClient;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Vest onboarding: {@code POST /register} with the EIP-712 {@code SignerProof} (domain
 * {@code VestRouterV2}, version {@code 0.0.1}, the environment's verifying contract, no chainId)
 * signed by the <em>primary</em> wallet's key, delegating trading to a <em>signing</em> key until
 * {@code signerExpiry}. The venue answers the {@code apiKey} and the {@code accGroup} to configure
 * ({@link VestConfig.Builder#apiKey}, {@link VestConfig.Builder#accountGroup}). Registering again
 * before the expiry (with a later expiry, or a new signing key) is how a delegation is renewed.
 * Addresses are sent lower-cased; {@code networkType} 0 is what every client sends on production.
 * Sources: Vest API docs "Authentication" (protocol reference §2; open question §9.11 for other
 * network types, §9.12 for the maximum expiry, which is undocumented).
 *
 * <p><b>Note:</b> stateless, thread-safe. Keys are {@link Secret}s and never reach a log line or a
 * message; the returned API key is a {@link Secret} too.
 */
public final class VestRegistration {
    /** Default delegation length, ms: 7 days, as in the Vest docs' example. */
    public static final long DEFAULT_EXPIRY_MS = 7L * 24 * 3_600_000L;

    private VestRegistration() {
    }

    /**
     * What {@code POST /register} returned, with what was registered.
     *
     * <p><b>Note:</b> immutable, thread-safe; {@link #toString()} hides the API key.
     *
     * @param apiKey         the API key ({@code X-API-KEY})
     * @param accountGroup   the account group ({@code accGroup}, for {@code restserver{accGroup}})
     * @param signingAddress the delegate signing address, lower case
     * @param primaryAddress the primary wallet address, lower case
     * @param signerExpiryMs the delegation's expiry, ms since the epoch
     */
    public record Result(Secret apiKey, int accountGroup, String signingAddress, String primaryAddress,
        long signerExpiryMs) {
        /**
         * Validates.
         *
         * @param apiKey         API key
         * @param accountGroup   account group
         * @param signingAddress signing address
         * @param primaryAddress primary address
         * @param signerExpiryMs expiry, ms
         * @throws NullPointerException if a field is null
         */
        public Result {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(signingAddress, "signingAddress");
            Objects.requireNonNull(primaryAddress, "primaryAddress");
        }

        /**
         * @param nowMs    current time, ms since the epoch
         * @param marginMs how long before the expiry a renewal is due, ms
         * @return {@code true} if the delegation expires within {@code marginMs}
         */
        public boolean renewalDue(final long nowMs, final long marginMs) {
            return nowMs + marginMs >= signerExpiryMs;
        }
    }

    /**
     * Registers {@code signingKey} as the delegate of {@code primaryKey}'s wallet.
     *
     * @param config         endpoints ({@link VestConfig#restBaseUrl()}, {@link VestConfig#verifyingContract()}),
     *                       request timeout; credentials in it are not used
     * @param primaryKey     the primary (funded) wallet's private key
     * @param signingKey     the delegate signing private key (only its address is sent)
     * @param signerExpiryMs expiry of the delegation, ms since the epoch (must be in the future)
     * @param networkType    {@code networkType} field (0 on production)
     * @return the API key and account group; fails with {@link AuthenticationException} (e.g.
     *     {@code 1022 INVALID_SIGNATURE}), {@link dev.arb.api.ExchangeException} with the venue code,
     *     {@link dev.arb.api.TransportException} or {@link MalformedMessageException}
     * @throws IllegalArgumentException if a key is malformed, the verifying contract is missing or the
     *     expiry is not in the future (the message never contains a key)
     */
    public static CompletableFuture<Result> register(final VestConfig config, final Secret primaryKey,
        final Secret signingKey, final long signerExpiryMs, final int networkType) {
        Objects.requireNonNull(config, "config");
        if (config.verifyingContract() == null) {
            throw new IllegalArgumentException("the config has no verifying contract (use VestConfig.production() or "
                + "testnet())");
        }
        if (signerExpiryMs <= System.currentTimeMillis()) {
            throw new IllegalArgumentException("signerExpiryMs must be in the future");
        }
        final String signingAddress = VestSigner.fromPrivateKey(signingKey).address();
        final String primaryAddress = VestSigner.fromPrivateKey(primaryKey).address();
        final VestSignature proof = VestSigner.signRegistration(primaryKey, signingAddress, config.verifyingContract(),
            signerExpiryMs);
        final ObjectMapper json = new ObjectMapper();
        final String body = json.createObjectNode().put("signingAddr", signingAddress.toLowerCase(Locale.ROOT))
            .put("primaryAddr", primaryAddress.toLowerCase(Locale.ROOT)).put("signature", proof.signatureHex())
            .put("expiryTime", signerExpiryMs).put("networkType", networkType).toString();
        final VestRestClient rest = new VestRestClient(config.restBaseUrl(), config.accountGroup(), null,
            config.transport().requestTimeoutMs(), 1, 1, json, System::currentTimeMillis);
        return rest.postPublic("/register", body).thenApply(answer -> {
            final String apiKey = answer.path("apiKey").asText(null);
            if (apiKey == null || apiKey.isEmpty() || !answer.has("accGroup")) {
                throw new MalformedMessageException("vest", null, "register answer without apiKey/accGroup");
            }
            return new Result(Secret.of(apiKey), answer.get("accGroup").asInt(), signingAddress, primaryAddress,
                signerExpiryMs);
        });
    }
}
