package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated Vest account: the signer its API key authorises, its positions (size and entry
 * notional at the market's scales), leverage per symbol, its orders in arrival order, and its USDC
 * balance with the funding settled into it per open position.
 *
 * <p><b>Note:</b> thread-safe: every method synchronises on the account.
 */
final class VestSimAccount {
    final String signerAddress;
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, java.math.BigDecimal> entryNotional = new HashMap<>();
    private final Map<String, Integer> leverages = new HashMap<>();
    private final Map<String, Recorded> ordersById = new LinkedHashMap<>();
    private final Map<String, ObjectNode> ordersBySignature = new HashMap<>();
    private final ArrayDeque<Long> nonces = new ArrayDeque<>();
    private long lastNonce;
    private int historyLimit = Integer.MAX_VALUE;
    private final Map<String, java.math.BigDecimal> settledFunding = new HashMap<>();
    private java.math.BigDecimal balance = INITIAL_BALANCE;
    private java.math.BigDecimal fees = java.math.BigDecimal.ZERO;
    private int liquidations;

    /** USDC balance of a new account. */
    static final java.math.BigDecimal INITIAL_BALANCE = new java.math.BigDecimal("1000000");

    VestSimAccount(final String signerAddress) {
        this.signerAddress = signerAddress;
    }

    synchronized long position(final String symbol) {
        return positions.getOrDefault(symbol, 0L);
    }

    /**
     * Applies a fill; keeps the entry notional of the open position (average entry price).
     *
     * @param symbol   market
     * @param delta    signed size, size scale
     * @param notional |delta| × price, USD
     */
    synchronized void addPosition(final String symbol, final long delta, final java.math.BigDecimal notional) {
        final long before = positions.getOrDefault(symbol, 0L);
        final long after = before + delta;
        positions.put(symbol, after);
        final java.math.BigDecimal entry = entryNotional.getOrDefault(symbol, java.math.BigDecimal.ZERO);
        if (before != 0 && delta != 0 && (before > 0) != (delta > 0)) {
            // a reduction realizes (exit − entry) × closed × side into the balance
            final long closed = Math.min(Math.abs(before), Math.abs(delta));
            final java.math.BigDecimal exitPart = notional.multiply(java.math.BigDecimal.valueOf(closed))
                .divide(java.math.BigDecimal.valueOf(Math.abs(delta)), 12, java.math.RoundingMode.HALF_EVEN);
            final java.math.BigDecimal entryPart = entry.multiply(java.math.BigDecimal.valueOf(closed))
                .divide(java.math.BigDecimal.valueOf(Math.abs(before)), 12, java.math.RoundingMode.HALF_EVEN);
            balance = balance.add(before > 0 ? exitPart.subtract(entryPart) : entryPart.subtract(exitPart));
        }
        if (after == 0) {
            entryNotional.remove(symbol);
            settledFunding.remove(symbol);
        } else if (before == 0 || (before > 0) == (delta > 0)) {
            entryNotional.put(symbol, entry.add(notional));
        } else if ((before > 0) != (after > 0)) {
            // flipped: the remainder opened at this fill's price
            entryNotional.put(symbol, notional.multiply(java.math.BigDecimal.valueOf(Math.abs(after)))
                .divide(java.math.BigDecimal.valueOf(Math.abs(delta)), 12, java.math.RoundingMode.HALF_EVEN));
        } else {
            entryNotional.put(symbol, entry.multiply(java.math.BigDecimal.valueOf(Math.abs(after)))
                .divide(java.math.BigDecimal.valueOf(Math.abs(before)), 12, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /**
     * Settles one funding payment into the balance.
     *
     * @param symbol   market
     * @param received USD received (negative when paid)
     */
    synchronized void receiveFunding(final String symbol, final java.math.BigDecimal received) {
        balance = balance.add(received);
        settledFunding.merge(symbol, received, java.math.BigDecimal::add);
    }

    /** @param usd the balance to set (a test's small account), USD */
    synchronized void setBalance(final java.math.BigDecimal usd) {
        balance = usd;
    }

    /** @param usd a trade's fee, USD (counted in the account value, not in the balance) */
    synchronized void addFee(final java.math.BigDecimal usd) {
        fees = fees.add(usd);
    }

    /** @return fees paid so far, USD */
    synchronized java.math.BigDecimal fees() {
        return fees;
    }

    /** Counts a liquidation. */
    synchronized void countLiquidation() {
        liquidations++;
    }

    /** @return liquidations so far */
    synchronized int liquidations() {
        return liquidations;
    }

    /** @return USDC balance: the initial balance plus the funding received and the PnL realized, USD */
    synchronized java.math.BigDecimal balance() {
        return balance;
    }

    /** @return funding received by the open position in {@code symbol} since it opened, USD (0 if none) */
    synchronized java.math.BigDecimal settledFunding(final String symbol) {
        return settledFunding.getOrDefault(symbol, java.math.BigDecimal.ZERO);
    }

    /** @return entry notional of the open position in {@code symbol}, USD (0 if flat) */
    synchronized java.math.BigDecimal entryNotional(final String symbol) {
        return entryNotional.getOrDefault(symbol, java.math.BigDecimal.ZERO);
    }

    synchronized Map<String, Long> positions() {
        return new HashMap<>(positions);
    }

    synchronized void setLeverage(final String symbol, final int value) {
        leverages.put(symbol, value);
    }

    synchronized Integer leverage(final String symbol) {
        return leverages.get(symbol);
    }

    synchronized Map<String, Integer> leverages() {
        return new HashMap<>(leverages);
    }

    /** An order and the signature it arrived with. */
    private record Recorded(ObjectNode order, String signature) { }

    /** @param n finished orders and nonces kept, ≥ 1 */
    synchronized void historyLimit(final int n) {
        historyLimit = n;
        forgetOldest();
    }

    synchronized void recordOrder(final String signature, final ObjectNode order) {
        ordersById.put(order.get("id").asText(), new Recorded(order, signature));
        ordersBySignature.put(signature, order);
        final long nonce = order.get("nonce").asLong();
        nonces.addLast(nonce);
        lastNonce = Math.max(lastNonce, nonce);
        forgetOldest();
    }

    /** Forgets the oldest finished orders (not {@code NEW} ones) and nonces beyond the history limit. */
    private void forgetOldest() {
        while (nonces.size() > historyLimit) {
            nonces.pollFirst();
        }
        final Iterator<Recorded> it = ordersById.values().iterator();
        while (ordersById.size() > historyLimit && it.hasNext()) {
            final Recorded r = it.next();
            if (!"NEW".equals(r.order().path("status").asText())) {
                it.remove();
                ordersBySignature.remove(r.signature());
            }
        }
    }

    /** @return the highest nonce of any order received, 0 before the first */
    synchronized long lastNonce() {
        return lastNonce;
    }

    synchronized ObjectNode orderBySignature(final String signature) {
        return ordersBySignature.get(signature);
    }

    synchronized ObjectNode order(final String id) {
        final Recorded r = ordersById.get(id);
        return r == null ? null : r.order();
    }

    synchronized List<ObjectNode> orders() {
        final List<ObjectNode> out = new ArrayList<>(ordersById.size());
        for (final Recorded r : ordersById.values()) {
            out.add(r.order());
        }
        return out;
    }

    synchronized List<Long> nonces() {
        return List.copyOf(nonces);
    }
}
