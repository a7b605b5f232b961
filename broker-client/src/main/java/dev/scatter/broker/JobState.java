package dev.scatter.broker;

import java.util.Locale;

/** The life of a job: queued, running, reducing, then succeeded, failed or cancelled. */
public enum JobState {
    QUEUED, RUNNING, REDUCING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The word stored in Redis. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
