package dev.arb.api.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the real fixtures the fuzz generators start from, off a test class path.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /**
     * @param anchor a class of the module whose test resources hold the fixture
     * @param path   absolute resource path, e.g. {@code /vest/ws-depth-ndx.json}
     * @return the file's bytes
     * @throws IllegalArgumentException if there is no such resource
     * @throws UncheckedIOException     if it cannot be read
     */
    public static byte[] bytes(final Class<?> anchor, final String path) {
        try (InputStream in = anchor.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param anchor a class of the module whose test resources hold the fixture
     * @param path   absolute resource path
     * @return the file's text, UTF-8
     */
    public static String text(final Class<?> anchor, final String path) {
        return new String(bytes(anchor, path), StandardCharsets.UTF_8);
    }

    /**
     * @param anchor a class of the module whose test resources hold the fixture
     * @param path   absolute resource path
     * @return its non-blank lines, each as UTF-8 bytes
     */
    public static List<byte[]> lines(final Class<?> anchor, final String path) {
        final List<byte[]> out = new ArrayList<>();
        for (final String line : text(anchor, path).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /**
     * @param texts literal seeds
     * @return them as UTF-8 bytes
     */
    public static List<byte[]> utf8(final String... texts) {
        final List<byte[]> out = new ArrayList<>();
        for (final String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
