package dev.arb.strategy.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a byte array as lower-case hex. Thread-safe (a digest per call). */
final class Sha256 {
    private Sha256() {
    }

    static String hex(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this runtime", e); // mandated by the JDK
        }
    }
}
