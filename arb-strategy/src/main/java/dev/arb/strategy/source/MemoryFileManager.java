package dev.arb.strategy.source;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Keeps every class file javac writes in memory (binary name to bytes) instead of on disk; reading
 * (class path, platform classes) is the standard file manager's. Confined to one compilation.
 */
final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();

    MemoryFileManager(final StandardJavaFileManager standard) {
        super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(final JavaFileManager.Location location, final String className,
        final JavaFileObject.Kind kind, final FileObject sibling) {
        if (kind != JavaFileObject.Kind.CLASS) {
            throw new UnsupportedOperationException("only class files are written (-proc:none): " + className);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outputs.put(className, bytes);
        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
            @Override
            public OutputStream openOutputStream() {
                return bytes;
            }
        };
    }

    /** @return binary name to class bytes, in the order javac wrote them (a copy) */
    Map<String, byte[]> classes() {
        final Map<String, byte[]> m = new LinkedHashMap<>();
        outputs.forEach((name, out) -> m.put(name, out.toByteArray()));
        return Collections.unmodifiableMap(m);
    }

    /** A source file whose text is given (the bytes hashed), named like the file for javac's checks. */
    static JavaFileObject source(final String fileName, final String text) {
        final URI uri;
        try {
            uri = new URI("mem", null, "/" + fileName, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unusable file name: " + fileName, e);
        }
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(final boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }
}
