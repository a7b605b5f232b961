package dev.scatter.broker;

import java.util.function.UnaryOperator;

/**
 * A stand-in for the exception behind a broker error: the original's type, its message with any secret
 * scrubbed out, its stack trace, and the same for its causes and suppressed exceptions. A log that prints the
 * whole chain of a broker error then shows where it came from, and never the password.
 */
final class RedactedCause extends RuntimeException {

    private static final int MAX_DEPTH = 16;

    private final String type;

    private RedactedCause(String type, String message) {
        super(message);
        this.type = type;
    }

    /** The copy of {@code original} and its chain, each message passed through {@code scrub}. */
    static RedactedCause of(Throwable original, UnaryOperator<String> scrub) {
        return copy(original, scrub, 0);
    }

    private static RedactedCause copy(Throwable original, UnaryOperator<String> scrub, int depth) {
        String message = original.getMessage() == null ? null : scrub.apply(original.getMessage());
        RedactedCause copy = new RedactedCause(original.getClass().getName(), message);
        copy.setStackTrace(original.getStackTrace());
        if (depth < MAX_DEPTH) {
            Throwable cause = original.getCause();
            if (cause != null && cause != original) {
                copy.initCause(copy(cause, scrub, depth + 1));
            }
            for (Throwable suppressed : original.getSuppressed()) {
                copy.addSuppressed(copy(suppressed, scrub, depth + 1));
            }
        }
        return copy;
    }

    /** The original's class name, as in a stack trace. */
    String type() {
        return type;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? type : type + ": " + message;
    }
}
