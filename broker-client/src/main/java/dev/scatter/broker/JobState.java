package dev.scatter.broker;

import java.util.Locale;

/**
 * The life of a job: queued, running, reducing, then succeeded, failed or cancelled. {@link #BROKEN} is never
 * stored: it is what a reader shows for a job whose stored state does not read.
 */
public enum JobState {
    QUEUED, RUNNING, REDUCING, SUCCEEDED, FAILED, CANCELLED, BROKEN;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The word stored in Redis. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a stored word names; throws IllegalArgumentException for any other word. */
    public static JobState fromWire(String value) {
        JobState state = valueOf(value.toUpperCase(Locale.ROOT));
        if (state == BROKEN || !state.wire().equals(value)) {
            throw new IllegalArgumentException("not a stored job state: " + value);
        }
        return state;
    }
}
