package dev.arb.strategy.source;

import java.util.List;

/**
 * A strategy could not be loaded: the file is missing or unreadable, it does not compile, it holds no
 * public class implementing {@link dev.arb.strategy.api.Strategy}, or that class cannot be
 * instantiated. The message is for a person: one line per problem (for compile errors
 * {@code File.java:LINE: message}), never a stack trace; an underlying exception, if any, is the cause.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class StrategyLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems, one line each (not serialised: the message holds them too). */
    private final transient List<String> problems;

    /**
     * @param problems one line per problem, at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public StrategyLoadException(final List<String> problems) {
        this(problems, null);
    }

    /**
     * @param problem one line for a person
     * @param cause   the underlying exception, or null
     */
    public StrategyLoadException(final String problem, final Throwable cause) {
        this(List.of(problem), cause);
    }

    private StrategyLoadException(final List<String> problems, final Throwable cause) {
        super(String.join(System.lineSeparator(), nonEmpty(problems)), cause);
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, one line each, in the order found (at least one) */
    public List<String> problems() {
        return problems == null ? List.of(getMessage()) : problems;
    }

    private static List<String> nonEmpty(final List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        return problems;
    }
}
