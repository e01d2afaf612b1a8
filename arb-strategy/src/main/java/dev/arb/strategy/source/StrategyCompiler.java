package dev.arb.strategy.source;

import dev.arb.api.BookView;
import dev.arb.strategy.api.Strategy;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Turns a strategy into a running instance: {@link #compile(Path)} compiles one Java source file
 * in-process with the JDK's compiler ({@code javax.tools}) and {@link #loadClass(String)} loads a
 * compiled class by name. Either way the class must be a public, concrete class implementing
 * {@link Strategy} with a public no-argument constructor, which is called.
 *
 * <p><b>Compiling.</b> The file is read once; its bytes are hashed (SHA-256) and compiled as they are
 * (a leading byte-order mark is ignored), in memory: nothing is written next to the source or to a
 * temporary directory. Flags: {@code -proc:none --release 17 -implicit:none -g}. The class path is
 * the running JVM's ({@code java.class.path}, which for {@code java -jar arb.jar} is the shaded jar),
 * plus the code locations of the SPI and of arb-api if they are not on it (tests, embedding), plus any
 * extra entries given to the constructor. A source file may hold helper classes (nested or
 * package-private top-level); exactly one public top-level class implements {@link Strategy}.
 *
 * <p><b>Class loading.</b> Every compilation gets a fresh class loader, a child of the SPI's loader
 * that finds the compiled classes first: two versions of the same class name coexist, and an old
 * version is collected once nothing references its instance. The SPI types are always the engine's.
 *
 * <p><b>Errors.</b> Every failure is a {@link StrategyLoadException} whose message has one line per
 * problem, e.g. {@code MyStrategy.java:12: cannot find symbol, symbol: variable x, location: class
 * MyStrategy} for each compile error (warnings are dropped), or {@code MyStrategy.java: MyStrategy has
 * no public no-argument constructor}.
 *
 * <p>Compiling takes from about a hundred milliseconds (warm) to a few seconds (first time in a
 * JVM) and needs a JDK: a JRE has no compiler.
 *
 * <p><b>Note:</b> immutable and thread-safe; concurrent compilations are independent.
 */
public final class StrategyCompiler {
    /** The SPI's binary name, as messages spell it. */
    private static final String SPI = Instantiator.SPI;
    private static final String NO_COMPILER = "no Java compiler in this runtime (a JRE?): run the bot on a JDK 17+";

    private final List<Path> classpath;
    private final URL[] extraUrls;

    /** A compiler whose class path is the running JVM's plus the SPI's own location. */
    public StrategyCompiler() {
        this(List.of());
    }

    /**
     * @param extraClasspath further directories or jars to compile against and load from (searched
     *                       after the running JVM's class path), e.g. a library the strategy uses
     * @throws NullPointerException if the list or an entry is null
     * @throws IllegalArgumentException if an entry cannot be turned into a URL
     */
    public StrategyCompiler(final List<Path> extraClasspath) {
        final Set<Path> cp = new LinkedHashSet<>(runtimeClasspath());
        final List<URL> urls = new ArrayList<>();
        for (Path p : extraClasspath) {
            final Path abs = p.toAbsolutePath().normalize();
            if (cp.add(abs)) {
                try {
                    urls.add(abs.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("not a usable class path entry: " + p, e);
                }
            }
        }
        this.classpath = List.copyOf(cp);
        this.extraUrls = urls.toArray(new URL[0]);
    }

    /** @return the class path strategies are compiled against, absolute paths, in search order */
    public List<Path> classpath() {
        return classpath;
    }

    /**
     * Reads, compiles, loads and instantiates the strategy in one source file.
     *
     * @param source a {@code .java} file
     * @return the new instance (not configured), its class name, the source's SHA-256 and the time taken
     * @throws StrategyLoadException if the file is missing or unreadable, does not compile, holds no
     *     public class implementing {@link Strategy}, that class cannot be instantiated (no public
     *     no-argument constructor, the constructor throws), or this runtime has no compiler
     * @throws NullPointerException if {@code source} is null
     */
    public CompiledStrategy compile(final Path source) {
        final long t0 = System.nanoTime();
        final String fileName = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        if (!fileName.endsWith(".java")) {
            throw new StrategyLoadException(fileName + ": a strategy source file must end in .java", null);
        }
        final byte[] bytes = read(source);
        final String sha = Sha256.hex(bytes);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new StrategyLoadException(NO_COMPILER, null);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        final Map<String, byte[]> classes = compileToMemory(javac, fileName, text);
        final MemoryClassLoader loader = new MemoryClassLoader(classes, extraUrls, Strategy.class.getClassLoader());
        final Class<?> c = strategyClass(loader, classes, fileName);
        final Strategy s = Instantiator.instantiate(c, fileName + ": ", c.getSimpleName());
        return new CompiledStrategy(s, c.getName(), sha, (System.nanoTime() - t0) / 1_000_000L);
    }

    /**
     * Loads a strategy class by binary name from the SPI's class loader (for {@code java -jar arb.jar},
     * the shaded jar and its class path) and instantiates it.
     *
     * @param className binary name, e.g. {@code com.example.MyStrategy}
     * @return the new instance (not configured)
     * @throws StrategyLoadException if the class is not found or cannot be loaded, does not implement
     *     {@link Strategy}, is not public and concrete, has no public no-argument constructor, or its
     *     constructor throws
     * @throws NullPointerException if {@code className} is null
     */
    public static Strategy loadClass(final String className) {
        return loadClass(className, Strategy.class.getClassLoader());
    }

    /**
     * Loads a strategy class by binary name from a given class loader and instantiates it.
     *
     * @param className binary name, e.g. {@code com.example.MyStrategy}
     * @param loader    where to look (it must see the same SPI as the engine)
     * @return the new instance (not configured)
     * @throws StrategyLoadException as {@link #loadClass(String)}
     * @throws NullPointerException if an argument is null
     */
    public static Strategy loadClass(final String className, final ClassLoader loader) {
        final String name = className.strip();
        if (name.isEmpty()) {
            throw new StrategyLoadException("strategy class name is empty", null);
        }
        final Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new StrategyLoadException("strategy class " + name + " not found on the class path", e);
        } catch (LinkageError e) {
            throw new StrategyLoadException(name + " cannot be loaded: " + Instantiator.describe(e), e);
        }
        return Instantiator.instantiate(c, "", name);
    }

    private static byte[] read(final Path source) {
        try {
            return Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new StrategyLoadException("strategy file not found: " + source.toAbsolutePath(), e);
        } catch (AccessDeniedException e) {
            throw new StrategyLoadException("cannot read " + source.toAbsolutePath() + ": permission denied", e);
        } catch (IOException | SecurityException e) {
            throw new StrategyLoadException("cannot read " + source.toAbsolutePath() + ": " + Instantiator.describe(e), e);
        }
    }

    private Map<String, byte[]> compileToMemory(final JavaCompiler javac, final String fileName, final String text) {
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        final StringWriter out = new StringWriter();
        final List<String> options = List.of("-proc:none", "--release", "17", "-implicit:none", "-g",
            "-classpath", join(classpath));
        final boolean ok;
        final Map<String, byte[]> classes;
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
            StandardCharsets.UTF_8); MemoryFileManager files = new MemoryFileManager(standard)) {
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of()); // never compile other sources
            ok = javac.getTask(out, files, diagnostics, options, null,
                List.of(MemoryFileManager.source(fileName, text))).call();
            classes = files.classes();
        } catch (IOException | RuntimeException e) {
            throw new StrategyLoadException(fileName + ": the compiler failed: " + Instantiator.describe(e), e);
        }
        final List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                final String message = Instantiator.oneLine(d.getMessage(Locale.ROOT)).replaceAll("[ \\t]+", " ");
                errors.add(d.getSource() != null && d.getLineNumber() > 0
                    ? fileName + ":" + d.getLineNumber() + ": " + message : fileName + ": " + message);
            }
        }
        if (!ok || !errors.isEmpty()) {
            if (errors.isEmpty()) {
                final String more = out.toString().isBlank() ? "" : ": " + Instantiator.oneLine(out.toString());
                errors.add(fileName + ": compilation failed" + more);
            }
            throw new StrategyLoadException(errors);
        }
        return classes;
    }

    private static Class<?> strategyClass(final ClassLoader loader, final Map<String, byte[]> classes,
        final String fileName) {
        final List<Class<?>> found = new ArrayList<>();
        for (String name : classes.keySet()) {
            final Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new StrategyLoadException(fileName + ": " + name + " cannot be loaded: " + Instantiator.describe(e), e);
            }
            if (c.getEnclosingClass() == null && Modifier.isPublic(c.getModifiers())
                && Strategy.class.isAssignableFrom(c)) {
                found.add(c);
            }
        }
        if (found.isEmpty()) {
            throw new StrategyLoadException("no public class implementing " + SPI + " in " + fileName, null);
        }
        if (found.size() > 1) {
            final List<String> names = new ArrayList<>();
            found.forEach(c -> names.add(c.getName()));
            throw new StrategyLoadException(fileName + ": more than one public class implements " + SPI + ": "
                + String.join(", ", names), null);
        }
        return found.get(0);
    }

    /** The running JVM's class path, plus the SPI's and arb-api's code locations when not on it. */
    private static List<Path> runtimeClasspath() {
        final Set<Path> cp = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    cp.add(Path.of(entry).toAbsolutePath().normalize());
                } catch (InvalidPathException e) {
                    // not a path javac could use either: skip it
                }
            }
        }
        addCodeSource(cp, Strategy.class);
        addCodeSource(cp, BookView.class);
        return new ArrayList<>(cp);
    }

    private static void addCodeSource(final Set<Path> cp, final Class<?> c) {
        try {
            final CodeSource cs = c.getProtectionDomain().getCodeSource();
            final URL url = cs == null ? null : cs.getLocation();
            if (url != null && "file".equals(url.getProtocol())) {
                cp.add(Path.of(url.toURI()).toAbsolutePath().normalize());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // an unusual loader (nested jar, custom URL): rely on java.class.path
        }
    }

    private static String join(final List<Path> paths) {
        final List<String> s = new ArrayList<>(paths.size());
        paths.forEach(p -> s.add(p.toString()));
        return String.join(File.pathSeparator, s);
    }
}
