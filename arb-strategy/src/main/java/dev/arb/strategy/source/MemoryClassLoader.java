package dev.arb.strategy.source;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * Defines the classes of one compilation from memory. Those classes are found here first (so that a
 * new version wins over any older one visible to the parent); everything else is delegated to the
 * parent (the SPI's loader) and then to the extra class path, so the SPI types are the engine's own.
 * One loader per compilation: it, its classes and their instances can be collected together once
 * nothing references them.
 *
 * <p>Thread-safe (parallel-capable, class definition under the per-name lock).
 */
final class MemoryClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /**
     * @param classes binary name to class bytes (not copied; not modified after construction)
     * @param extra   extra class path entries searched after the parent
     * @param parent  the SPI's class loader
     */
    MemoryClassLoader(final Map<String, byte[]> classes, final URL[] extra, final ClassLoader parent) {
        super("arb-strategy-source", extra, parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        if (!classes.containsKey(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                final byte[] b = classes.get(name);
                c = defineClass(name, b, 0, b.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
