package dev.arb.sim.vest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listen keys of the simulated Vest account stream ({@code POST/PUT/DELETE /account/listenKey}, protocol
 * reference §4 Listen key): each belongs to an API key and is valid for the listen-key lifetime after creation
 * or renewal ({@link VestSimulator.Options#listenKeyLifetimeMs()}, 60 minutes by default as on Vest); a stream
 * opened with an unknown key is refused with close code 4004, with an expired one 4005 (§5). Counts creations
 * and renewals for tests.
 *
 * <p><b>Note:</b> thread-safe (a concurrent map, volatile expiries, atomic counters).
 */
final class VestSimListenKeys {
    private final Map<String, ListenKey> keys = new ConcurrentHashMap<>();
    private final VestSimAccounts accounts;
    private final long lifetimeMs;
    private final SecureRandom random;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();

    /** A listen key: its owner and expiry (ms since the epoch; 0 once expired by a test). */
    private static final class ListenKey {
        final String apiKey;
        volatile long expiresAtMs;

        ListenKey(final String apiKey, final long expiresAtMs) {
            this.apiKey = apiKey;
            this.expiresAtMs = expiresAtMs;
        }
    }

    /**
     * @param accounts   the accounts the keys' API keys belong to
     * @param lifetimeMs validity after creation or renewal, ms
     * @param random     source of the keys
     */
    VestSimListenKeys(final VestSimAccounts accounts, final long lifetimeMs, final SecureRandom random) {
        this.accounts = accounts;
        this.lifetimeMs = lifetimeMs;
        this.random = random;
    }

    /**
     * {@code POST /account/listenKey}: returns the account's live key extended, or a new one.
     *
     * @param apiKey the caller's API key
     * @return the listen key
     */
    String create(final String apiKey) {
        final long now = System.currentTimeMillis();
        for (final Map.Entry<String, ListenKey> e : keys.entrySet()) {
            if (e.getValue().apiKey.equals(apiKey) && e.getValue().expiresAtMs > now) {
                e.getValue().expiresAtMs = now + lifetimeMs;
                return e.getKey();
            }
        }
        final byte[] raw = new byte[16];
        random.nextBytes(raw);
        final String key = HexFormat.of().formatHex(raw);
        keys.put(key, new ListenKey(apiKey, now + lifetimeMs));
        created.incrementAndGet();
        return key;
    }

    /**
     * {@code PUT /account/listenKey}.
     *
     * @param apiKey the caller's API key
     * @param key    the key to extend, or null for the account's newest key
     * @return the key extended, or null if it is unknown or expired
     */
    String renew(final String apiKey, final String key) {
        final long now = System.currentTimeMillis();
        String found = key;
        ListenKey k = key == null ? null : keys.get(key);
        if (key == null) {
            // documented PUT carries no key: the account's newest key
            for (final Map.Entry<String, ListenKey> e : keys.entrySet()) {
                final ListenKey c = e.getValue();
                if (c.apiKey.equals(apiKey) && (k == null || c.expiresAtMs > k.expiresAtMs)) {
                    k = c;
                    found = e.getKey();
                }
            }
        }
        if (k == null || !k.apiKey.equals(apiKey) || k.expiresAtMs <= now) {
            return null;
        }
        k.expiresAtMs = now + lifetimeMs;
        renewals.incrementAndGet();
        return found;
    }

    /** {@code DELETE /account/listenKey}. @param key the key to forget, or null (nothing happens) */
    void delete(final String key) {
        if (key != null) {
            keys.remove(key);
        }
    }

    /** @return 0 if the key is live, else the WS close code to answer (4004 not found, 4005 expired) */
    int check(final String key) {
        final ListenKey k = keys.get(key);
        if (k == null) {
            return 4004;
        }
        return k.expiresAtMs > System.currentTimeMillis() ? 0 : 4005;
    }

    /** @return the account a key belongs to, or null if the key is unknown */
    VestSimAccount account(final String key) {
        final ListenKey k = keys.get(key);
        return k == null ? null : accounts.get(k.apiKey);
    }

    /** Expires every key now ({@code PUT} answers 1125 from then on). */
    void expireAll() {
        for (final ListenKey k : keys.values()) {
            k.expiresAtMs = 0;
        }
    }

    /** @return keys created by {@code POST} (re-issues of a live key not counted) */
    long created() {
        return created.get();
    }

    /** @return successful {@code PUT} renewals */
    long renewals() {
        return renewals.get();
    }
}
