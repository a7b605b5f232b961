package dev.scatter.broker;

/**
 * A finished task and its result (a JSON value), or the reduced result when the task is a reduce; {@code infoJson}
 * is what the runner says of the attempt for the task's record ({@link TaskRecords#info}), or null.
 */
public record TaskCompletion(ClaimedTask task, String resultJson, String infoJson) {

    public TaskCompletion(ClaimedTask task, String resultJson) {
        this(task, resultJson, null);
    }
}
