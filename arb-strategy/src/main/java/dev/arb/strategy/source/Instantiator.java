package dev.arb.strategy.source;

import dev.arb.strategy.api.Strategy;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Checks that a class is a usable strategy and creates it through its public no-argument
 * constructor, turning every failure into a {@link StrategyLoadException} with a one-line message.
 * Stateless, thread-safe.
 */
final class Instantiator {
    static final String SPI = Strategy.class.getName();

    private Instantiator() {
    }

    /**
     * @param c      the class
     * @param prefix what precedes the class name in messages ({@code "File.java: "} or {@code ""})
     * @param label  the class as a person knows it (simple name for a file, binary name for a class)
     */
    static Strategy instantiate(final Class<?> c, final String prefix, final String label) {
        if (!Strategy.class.isAssignableFrom(c)) {
            throw new StrategyLoadException(prefix + label + " does not implement " + SPI, null);
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new StrategyLoadException(prefix + label + " is abstract: a strategy must be a concrete class", null);
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            throw new StrategyLoadException(prefix + label + " is not public", null);
        }
        final Constructor<?> ctor;
        try {
            ctor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new StrategyLoadException(prefix + label + " has no public no-argument constructor", null);
        } catch (LinkageError e) {
            throw new StrategyLoadException(prefix + label + " cannot be loaded: " + describe(e), e);
        }
        try {
            return (Strategy) ctor.newInstance();
        } catch (InvocationTargetException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StrategyLoadException(prefix + label + "'s constructor threw " + describe(cause), cause);
        } catch (ExceptionInInitializerError e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StrategyLoadException(prefix + label + "'s static initialiser threw " + describe(cause), cause);
        } catch (LinkageError e) {
            throw new StrategyLoadException(prefix + label + " cannot be loaded: " + describe(e), e);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new StrategyLoadException(prefix + label + " cannot be instantiated: " + describe(e), e);
        }
    }

    /** @return {@code java.lang.IllegalStateException: boom} on one line */
    static String describe(final Throwable t) {
        final String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : t.getClass().getName() + ": " + oneLine(m);
    }

    /** @return the text with line breaks and the indentation after them collapsed to {@code ", "} */
    static String oneLine(final String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", ", ");
    }
}
