package dev.arb.sim.vest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated Vest venue's accounts by API key: registration (a fresh random API key per signing address, as
 * {@code POST /register} answers) and the history bound every account keeps ({@link VestSimulator#historyLimit}).
 *
 * <p><b>Note:</b> thread-safe (a concurrent map and a volatile bound; the accounts synchronise themselves).
 */
final class VestSimAccounts {
    private final Map<String, VestSimAccount> accounts = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private volatile int historyLimit = Integer.MAX_VALUE;

    /** @param random source of the API keys */
    VestSimAccounts(final SecureRandom random) {
        this.random = random;
    }

    /**
     * Registers a signing address in account group 0.
     *
     * @param signingAddress 0x + 40 hex digits (any case)
     * @return a fresh API key (32 hex digits) authorising orders signed by that address
     */
    String register(final String signingAddress) {
        final byte[] raw = new byte[16];
        random.nextBytes(raw);
        final String apiKey = HexFormat.of().formatHex(raw);
        final VestSimAccount account = new VestSimAccount(signingAddress.toLowerCase(Locale.ROOT));
        account.historyLimit(historyLimit);
        accounts.put(apiKey, account);
        return apiKey;
    }

    /**
     * @param apiKey an API key
     * @return its account, or null if the key is unknown
     * @throws NullPointerException if {@code apiKey} is null
     */
    VestSimAccount get(final String apiKey) {
        return accounts.get(apiKey);
    }

    /**
     * @param apiKey an API key
     * @return its account
     * @throws IllegalArgumentException if the key is unknown
     * @throws NullPointerException     if {@code apiKey} is null
     */
    VestSimAccount require(final String apiKey) {
        final VestSimAccount account = accounts.get(apiKey);
        if (account == null) {
            throw new IllegalArgumentException("unknown API key");
        }
        return account;
    }

    /** @return every account (a live view) */
    Iterable<VestSimAccount> all() {
        return accounts.values();
    }

    /** @param n finished orders and nonces every account (and every later one) keeps, ≥ 1 */
    void historyLimit(final int n) {
        historyLimit = n;
        for (final VestSimAccount account : accounts.values()) {
            account.historyLimit(n);
        }
    }
}
