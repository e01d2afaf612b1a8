package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated Vest account: the signer its API key authorises, its positions and its orders.
 *
 * <p><b>Note:</b> thread-safe: every method synchronises on the account.
 */
final class VestSimAccount {
    final String signerAddress;
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, ObjectNode> ordersById = new HashMap<>();
    private final Map<String, ObjectNode> ordersBySignature = new HashMap<>();

    VestSimAccount(final String signerAddress) {
        this.signerAddress = signerAddress;
    }

    synchronized long position(final String symbol) {
        return positions.getOrDefault(symbol, 0L);
    }

    synchronized void addPosition(final String symbol, final long delta) {
        positions.merge(symbol, delta, Long::sum);
    }

    synchronized Map<String, Long> positions() {
        return new HashMap<>(positions);
    }

    synchronized void recordOrder(final String signature, final ObjectNode order) {
        ordersById.put(order.get("id").asText(), order);
        ordersBySignature.put(signature, order);
    }

    synchronized ObjectNode orderBySignature(final String signature) {
        return ordersBySignature.get(signature);
    }

    synchronized ObjectNode order(final String id) {
        return ordersById.get(id);
    }
}
