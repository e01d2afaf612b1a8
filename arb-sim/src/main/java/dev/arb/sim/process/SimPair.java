package dev.arb.sim.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.Secret;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestSigner;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Both simulated venues started from one seeded {@link MarketModel} on 127.0.0.1 ephemeral ports, with one
 * throw-away account registered on each, described in one line for a person ({@link #describe()}) or a
 * machine ({@link #toJson()}). What {@code arb sim} and the end-to-end harness's simulator process start.
 *
 * <p>The credentials are generated here for this process's simulators only (they sign nothing real) and are
 * printed in the JSON line so that a client in another process can trade on the simulators.
 *
 * <p><b>Note:</b> thread-safe after construction (the simulators are); {@link #close()} once.
 */
public final class SimPair implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VestSimulator vest;
    private final ParadexSimulator paradex;
    private final Secret vestSigningKey;
    private final Secret vestApiKey;
    private final String paradexAccount;
    private final Secret paradexPrivateKey;

    private SimPair(final VestSimulator vest, final ParadexSimulator paradex, final Secret vestSigningKey,
        final Secret vestApiKey, final String paradexAccount, final Secret paradexPrivateKey) {
        this.vest = vest;
        this.paradex = paradex;
        this.vestSigningKey = vestSigningKey;
        this.vestApiKey = vestApiKey;
        this.paradexAccount = paradexAccount;
        this.paradexPrivateKey = paradexPrivateKey;
    }

    /**
     * Starts both simulators (the Paradex one with its default options) and registers one account on each.
     *
     * @param seed         market model seed (same seed, same price path)
     * @param manualVest   {@code true}: the Vest book moves only on {@link VestSimulator#advance()} (a paced
     *                     harness steps it) and Paradex's timer follows its step; {@code false}: each on its
     *                     simulator's own timer
     * @param historyLimit finished orders, fills and request times each simulator keeps (≥ 1)
     * @return the started pair
     * @throws IllegalStateException if a simulator cannot bind its port
     */
    public static SimPair start(final long seed, final boolean manualVest, final int historyLimit) {
        return start(seed, VestSimulator.Options.builder().manualStepping(manualVest).build(),
            ParadexSimulator.Options.defaults(), historyLimit);
    }

    /**
     * Starts both simulators from one seeded {@link MarketModel} and registers one account on each. When Vest is
     * stepped by hand ({@link VestSimulator.Options#manualStepping()}) and Paradex by its timer, Paradex's timer
     * follows Vest's step ({@link ParadexSimulator#followSteps}): a paced Vest runs through the model at its own rate,
     * and a Paradex left on the wall clock would fall behind by more than the model keeps
     * ({@link MarketModel#RETAINED_STEPS}) and freeze. Credentials: a random
     * secp256k1 signing key registered with the Vest simulator (which returns the API key) and a random Stark key
     * with a random account address registered with the Paradex simulator. If anything fails, whatever was started
     * is closed before the exception propagates.
     *
     * @param seed           market model seed (same seed, same price path)
     * @param vestOptions    the Vest simulator's symbols, book shape and stepping
     * @param paradexOptions the Paradex simulator's markets and book shape
     * @param historyLimit   finished orders, fills and request times each simulator keeps (≥ 1)
     * @return the started pair
     * @throws IllegalStateException    if a simulator cannot bind its port
     * @throws IllegalArgumentException if {@code historyLimit} is below 1
     */
    public static SimPair start(final long seed, final VestSimulator.Options vestOptions,
        final ParadexSimulator.Options paradexOptions, final int historyLimit) {
        final MarketModel model = new MarketModel(MarketModel.Config.defaults(seed));
        final VestSimulator vest = VestSimulator.start(model, vestOptions);
        final ParadexSimulator paradex;
        try {
            paradex = ParadexSimulator.start(model, paradexOptions);
        } catch (RuntimeException e) {
            vest.close();
            throw e;
        }
        if (vestOptions.manualStepping() && !paradexOptions.manualStepping()) {
            paradex.followSteps(vest::currentStep);
        }
        try {
            vest.historyLimit(historyLimit);
            paradex.historyLimit(historyLimit);
            final SecureRandom random = new SecureRandom();
            final byte[] key = new byte[32];
            random.nextBytes(key);
            key[0] = (byte) (1 + (key[0] & 0x3f)); // non-zero and below the secp256k1 group order
            final Secret vestKey = Secret.of("0x" + HexFormat.of().formatHex(key));
            final VestSigner vestSigner = VestSigner.fromPrivateKey(vestKey);
            final Secret apiKey = Secret.of(vest.registerSigner(vestSigner.address()));
            vestSigner.close();
            final Secret paradexKey = ParadexSigner.randomPrivateKey();
            final String account = "0x" + new BigInteger(250, random).toString(16);
            final ParadexSigner paradexSigner = new ParadexSigner(paradex.chainId(), account, paradexKey);
            paradex.registerAccount(account, paradexSigner.publicKey());
            paradexSigner.close();
            return new SimPair(vest, paradex, vestKey, apiKey, account, paradexKey);
        } catch (RuntimeException | Error e) {
            vest.close();
            paradex.close();
            throw e;
        }
    }

    /** @return the Vest simulator */
    public VestSimulator vest() {
        return vest;
    }

    /** @return the Paradex simulator */
    public ParadexSimulator paradex() {
        return paradex;
    }

    /** @return the key registered as a signer with the Vest simulator, {@code 0x} + 64 hex digits */
    public Secret vestSigningKey() {
        return vestSigningKey;
    }

    /** @return the API key the Vest simulator issued for {@link #vestSigningKey()} (account group 0) */
    public Secret vestApiKey() {
        return vestApiKey;
    }

    /** @return the account address registered with the Paradex simulator, {@code 0x} + hex */
    public String paradexAccount() {
        return paradexAccount;
    }

    /** @return the Stark private key of {@link #paradexAccount()} */
    public Secret paradexPrivateKey() {
        return paradexPrivateKey;
    }

    /** @return one line for a person: both venues' REST and WebSocket URLs */
    public String describe() {
        return "simulated venues on 127.0.0.1: vest " + vest.restBaseUrl() + " " + vest.wsUrl() + ", paradex "
            + paradex.restBaseUrl() + " " + paradex.wsUrl();
    }

    /**
     * The machine-readable description: URLs, ports, the Paradex chain id and the throw-away credentials
     * ({@code vestSigningKey}, {@code vestApiKey}, {@code vestAccountGroup}, {@code paradexAccount},
     * {@code paradexPrivateKey}).
     *
     * @return a JSON object, for {@link #toJson()} or to extend
     */
    public ObjectNode json() {
        final ObjectNode o = JSON.createObjectNode();
        o.put("event", "ready");
        o.put("vestRestUrl", vest.restBaseUrl());
        o.put("vestWsUrl", vest.wsUrl());
        o.put("vestPort", java.net.URI.create(vest.restBaseUrl()).getPort());
        o.put("paradexRestUrl", paradex.restBaseUrl());
        o.put("paradexWsUrl", paradex.wsUrl());
        o.put("paradexPort", java.net.URI.create(paradex.restBaseUrl()).getPort());
        o.put("paradexChainId", paradex.chainId());
        o.put("vestSigningKey", vestSigningKey.reveal());
        o.put("vestApiKey", vestApiKey.reveal());
        o.put("vestAccountGroup", 0);
        o.put("paradexAccount", paradexAccount);
        o.put("paradexPrivateKey", paradexPrivateKey.reveal());
        return o;
    }

    /** @return {@link #json()} as one line */
    public String toJson() {
        return json().toString();
    }

    @Override
    public void close() {
        vest.close();
        paradex.close();
    }
}
