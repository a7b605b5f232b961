package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a task knows when it runs.
 *
 * @param jobId   the job, as users write it
 * @param index   this task's index, 0 to {@code tasks - 1}
 * @param tasks   the job's task count
 * @param attempt 1 on the first attempt
 * @param params  the job's parameters
 * @param runner  the id of the runner running it
 * @param stop     set when the task should stop early: its job was cancelled, its lease was lost, or the runner
 *                 is past its drain deadline. Long tasks should check it now and then.
 * @param blobs    data stored for the job's tasks (see {@link BlobStore})
 * @param settings what the runner's operator allowed (external commands) and where
 */
public record TaskContext(String jobId, int index, int tasks, int attempt, JsonNode params, String runner,
                          StopSignal stop, BlobStore blobs, RunnerSettings settings) {
}
