package dev.arb.paradex;

import dev.arb.api.Secret;
import java.util.Objects;

/**
 * A Paradex L2 account derived from an Ethereum key ({@link ParadexAccountDerivation}).
 *
 * <p><b>Note:</b> immutable, thread-safe; {@link #toString()} never shows the private key.
 *
 * @param ethereumAddress the L1 address of the Ethereum key, {@code 0x} hex (EIP-55 checksummed)
 * @param l2PrivateKey    the STARK private key, {@code 0x} hex
 * @param publicKey       the STARK public key, {@code 0x} hex
 * @param address         the L2 account address, {@code 0x} hex (lowercase, no zero padding)
 */
public record ParadexDerivedAccount(String ethereumAddress, Secret l2PrivateKey, String publicKey, String address) {
    /**
     * @throws NullPointerException if a field is null
     */
    public ParadexDerivedAccount {
        Objects.requireNonNull(ethereumAddress, "ethereumAddress");
        Objects.requireNonNull(l2PrivateKey, "l2PrivateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(address, "address");
    }
}
