package dev.scatter.broker;

import java.time.Instant;

/**
 * A task quarantined after its last attempt, or at once for a permanent failure.
 *
 * @param index    the task index, or {@link ClaimedTask#REDUCE}
 * @param reason   {@code failed}, {@code rejected} (permanent failure) or {@code lease expired}
 * @param error    the last error, as the runner reported it
 */
public record DeadTask(JobId job, int index, int attempts, String reason, String error, Instant at) {
}
