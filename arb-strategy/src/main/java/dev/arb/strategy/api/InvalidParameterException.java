package dev.arb.strategy.api;

/**
 * A parameter change or value was refused: unknown name, wrong type, out of bounds, or not changeable
 * while the bot runs. The message is one line for the operator, naming the parameter, the value and
 * what is allowed; nothing was changed.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: the parameter, the value and what is allowed */
    public InvalidParameterException(final String message) {
        super(message);
    }
}
