package dev.arb.api.spi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The venue modules on the class path, found once with {@link ServiceLoader} (each venue module lists its
 * {@link VenueModule} in {@code META-INF/services/dev.arb.api.spi.VenueModule}).
 *
 * <p><b>Note:</b> thread-safe; the modules are loaded on first use and never change afterwards.
 */
public final class VenueRegistry {
    private VenueRegistry() {
    }

    /** Loaded on first use (the holder idiom). */
    private static final class Loaded {
        static final Map<String, VenueModule> MODULES = load();

        private static Map<String, VenueModule> load() {
            final Map<String, VenueModule> out = new TreeMap<>();
            for (final VenueModule m : ServiceLoader.load(VenueModule.class, VenueRegistry.class.getClassLoader())) {
                final VenueModule before = out.put(m.name(), m);
                if (before != null) {
                    throw new IllegalStateException("two venue modules are named '" + m.name() + "': "
                        + before.getClass().getName() + " and " + m.getClass().getName());
                }
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * @return the venue names on the class path, sorted, e.g. {@code [paradex, vest]}
     * @throws IllegalStateException if two modules share a name
     */
    public static Set<String> names() {
        return Loaded.MODULES.keySet();
    }

    /**
     * @param name a venue name, any case
     * @return its module
     * @throws IllegalArgumentException naming the venues there are, if none is called so
     * @throws IllegalStateException    if two modules share a name
     */
    public static VenueModule module(final String name) {
        final VenueModule m = name == null ? null : Loaded.MODULES.get(name.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("unknown venue '" + name + "': the venues on the class path are "
                + String.join(", ", names()));
        }
        return m;
    }
}
