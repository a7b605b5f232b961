package dev.scatter.broker;

/**
 * A failed attempt. A retryable failure is scheduled again after a back-off until the task's attempts are used
 * up; a permanent one (unknown kind, invalid parameters, oversized result) is quarantined at once.
 *
 * <p>{@code infoJson} is what the runner says of the attempt for the task's record ({@link TaskRecords#info}), or
 * null. The error is cut to {@link #MAX_ERROR_CHARS}, keeping its start and end: a task can throw an exception
 * with a message of any size, and it would otherwise be logged by the runner and stored in the dead set at every
 * attempt.
 */
public record TaskFailure(ClaimedTask task, String error, boolean permanent, String infoJson) {

    /** The longest error text a runner logs and sends to Redis. */
    public static final int MAX_ERROR_CHARS = 4_000;

    public TaskFailure {
        error = Excerpt.middle(error == null ? "" : error, MAX_ERROR_CHARS);
    }

    public TaskFailure(ClaimedTask task, String error, boolean permanent) {
        this(task, error, permanent, null);
    }

    public static TaskFailure retryable(ClaimedTask task, String error) {
        return new TaskFailure(task, error, false);
    }

    public static TaskFailure permanent(ClaimedTask task, String error) {
        return new TaskFailure(task, error, true);
    }
}
