package dev.scatter.broker;

/**
 * A failed attempt. A retryable failure is scheduled again after a back-off until the task's attempts are used
 * up; a permanent one (unknown kind, invalid parameters, oversized result) is quarantined at once.
 */
public record TaskFailure(ClaimedTask task, String error, boolean permanent) {

    public static TaskFailure retryable(ClaimedTask task, String error) {
        return new TaskFailure(task, error, false);
    }

    public static TaskFailure permanent(ClaimedTask task, String error) {
        return new TaskFailure(task, error, true);
    }
}
