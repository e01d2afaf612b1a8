package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swmansion.starknet.data.TypedData;
import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.ExchangeException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.Secret;
import dev.arb.api.TransportException;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexTypedData;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Account set-up against the Paradex REST API: {@code GET /v1/system/config} (the parameters of
 * {@link ParadexAccountDerivation}) and {@code POST /v1/onboarding} (once per account, idempotent), protocol
 * reference §3.1 and §4.1: headers {@code PARADEX-ETHEREUM-ACCOUNT}, {@code PARADEX-STARKNET-ACCOUNT},
 * {@code PARADEX-STARKNET-SIGNATURE} (STARK signature of the typed data {@code Constant{action:"Onboarding"}},
 * StarkNet typed data revision 0, domain {@code {name:"Paradex", chainId, version:"1"}}), body
 * {@code {"public_key":"0x…"}}.
 *
 * <p>Usage:
 * <pre>{@code
 * ParadexOnboarding onboarding = new ParadexOnboarding("https://api.prod.paradex.trade/v1", Duration.ofSeconds(10));
 * ParadexOnboarding.SystemConfig sys = onboarding.systemConfig().join();
 * ParadexDerivedAccount acct = ParadexAccountDerivation.derive(ethKey, sys.l1ChainId(),
 *     sys.accountProxyClassHash(), sys.accountClassHash());
 * onboarding.onboard(sys.chainId(), acct).join();
 * }</pre>
 *
 * <p><b>Note:</b> thread-safe. Futures complete on the HTTP client's threads and fail with
 * {@link ExchangeException} subtypes.
 */
public final class ParadexOnboarding {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String restBaseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param restBaseUrl REST base URL including {@code /v1}
     * @param timeout     per-request timeout
     */
    public ParadexOnboarding(final String restBaseUrl, final Duration timeout) {
        this.restBaseUrl = restBaseUrl.endsWith("/") ? restBaseUrl.substring(0, restBaseUrl.length() - 1) : restBaseUrl;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * The derivation parameters of {@code GET /v1/system/config}.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param chainId               {@code starknet_chain_id} (short-string name)
     * @param l1ChainId             {@code l1_chain_id}
     * @param accountProxyClassHash {@code paraclear_account_proxy_hash}
     * @param accountClassHash      {@code paraclear_account_hash}
     */
    public record SystemConfig(String chainId, long l1ChainId, String accountProxyClassHash, String accountClassHash) {
    }

    /**
     * @return the system configuration; fails with {@link TransportException} or {@link MalformedMessageException}
     */
    public CompletableFuture<SystemConfig> systemConfig() {
        return send(HttpRequest.newBuilder(URI.create(restBaseUrl + "/system/config")).GET()).thenApply(n -> {
            final String chain = n.path("starknet_chain_id").asText(null);
            final String proxy = n.path("paraclear_account_proxy_hash").asText(null);
            final String account = n.path("paraclear_account_hash").asText(null);
            final String l1 = n.path("l1_chain_id").asText(null);
            if (chain == null || proxy == null || account == null || l1 == null) {
                throw new CompletionException(new MalformedMessageException(ParadexErrors.VENUE, null,
                    "system/config without starknet_chain_id, l1_chain_id or class hashes"));
            }
            try {
                return new SystemConfig(chain, Long.parseLong(l1), proxy, account);
            } catch (final NumberFormatException e) {
                throw new CompletionException(new MalformedMessageException(ParadexErrors.VENUE, null,
                    "l1_chain_id is not an integer", e));
            }
        });
    }

    /**
     * Onboards the account (idempotent on the venue).
     *
     * @param chainId the Starknet chain id of the signature domain
     * @param account the derived account (its key signs)
     * @return completes when the venue accepted; fails with the mapped venue error
     */
    public CompletableFuture<Void> onboard(final String chainId, final ParadexDerivedAccount account) {
        return onboard(chainId, account.ethereumAddress(), account.address(), account.l2PrivateKey(), account.publicKey());
    }

    /**
     * Onboards an account whose STARK key is known (copied from the UI, or a subkey's main account).
     *
     * @param chainId         the Starknet chain id of the signature domain
     * @param ethereumAddress the L1 address
     * @param accountAddress  the L2 account address
     * @param l2PrivateKey    the STARK private key
     * @param publicKey       its public key
     * @return completes when the venue accepted; fails with the mapped venue error
     */
    public CompletableFuture<Void> onboard(final String chainId, final String ethereumAddress, final String accountAddress,
        final Secret l2PrivateKey, final String publicKey) {
        final ParadexSignature sig = sign(chainId, accountAddress, l2PrivateKey);
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(restBaseUrl + "/onboarding"))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("public_key", publicKey).toString()))
            .header("Content-Type", "application/json")
            .header("PARADEX-ETHEREUM-ACCOUNT", ethereumAddress)
            .header("PARADEX-STARKNET-ACCOUNT", accountAddress)
            .header("PARADEX-STARKNET-SIGNATURE", sig.wireString());
        return send(b).thenAccept(n -> { });
    }

    /**
     * @param chainId        Starknet chain id
     * @param accountAddress L2 account address
     * @return the hash of {@code Constant{action:"Onboarding"}} for the account (typed data revision 0)
     */
    public static String onboardingMessageHash(final String chainId, final String accountAddress) {
        final String json = "{\"types\":{\"StarkNetDomain\":[{\"name\":\"name\",\"type\":\"felt\"},{\"name\":\"chainId\","
            + "\"type\":\"felt\"},{\"name\":\"version\",\"type\":\"felt\"}],\"Constant\":[{\"name\":\"action\","
            + "\"type\":\"felt\"}]},\"primaryType\":\"Constant\",\"domain\":{\"name\":\"Paradex\",\"chainId\":\""
            + ParadexTypedData.chainIdHex(chainId) + "\",\"version\":\"1\"},\"message\":{\"action\":\"Onboarding\"}}";
        return TypedData.fromJsonString(json).getMessageHash(Felt.fromHex(accountAddress)).hexString();
    }

    private static ParadexSignature sign(final String chainId, final String accountAddress, final Secret key) {
        final String hash = onboardingMessageHash(chainId, accountAddress);
        final BigInteger[] rs = StarkEcdsa.sign(new BigInteger(strip0x(key.reveal()), 16),
            new BigInteger(strip0x(hash), 16));
        return new ParadexSignature(hash, rs[0], rs[1]);
    }

    private static String strip0x(final String h) {
        return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
    }

    private CompletableFuture<JsonNode> send(final HttpRequest.Builder b) {
        return http.sendAsync(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString()).handle((resp, e) -> {
            if (e != null) {
                throw new CompletionException(new TransportException(ParadexErrors.VENUE, null, "request failed: " + e, e));
            }
            if (resp.statusCode() < 200 || resp.statusCode() >= 300) {
                throw new CompletionException(ParadexErrors.fromResponse(resp.statusCode(), resp.body(), 0));
            }
            try {
                final String body = resp.body();
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (final Exception x) {
                throw new CompletionException(new MalformedMessageException(ParadexErrors.VENUE, null, "body is not JSON", x));
            }
        });
    }
}
