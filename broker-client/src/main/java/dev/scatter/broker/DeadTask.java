package dev.scatter.broker;

import java.time.Instant;

/**
 * A task quarantined after its last attempt, or at once for a permanent failure.
 *
 * @param index    the task index, {@link ClaimedTask#REDUCE}, or {@link #UNREADABLE} for an entry whose field
 *                 is not a task index
 * @param reason   {@code failed}, {@code rejected} (permanent failure), {@code lease expired}, or
 *                 {@code unreadable} for an entry that is not what Scatter writes
 * @param error    the last error, as the runner reported it
 */
public record DeadTask(JobId job, int index, int attempts, String reason, String error, Instant at) {

    /** The index of a dead entry whose field does not name a task. */
    public static final int UNREADABLE = Integer.MIN_VALUE;
}
