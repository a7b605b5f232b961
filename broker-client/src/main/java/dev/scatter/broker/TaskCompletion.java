package dev.scatter.broker;

/** A finished task and its result (a JSON value), or the reduced result when the task is a reduce. */
public record TaskCompletion(ClaimedTask task, String resultJson) {
}
