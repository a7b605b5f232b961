package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

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
 * @param timeout  the longest a task may run on this runner (its --task-timeout): past it the task is stopped and
 *                 its attempt fails, so a kind that starts external programs kills them at it
 */
public record TaskContext(String jobId, int index, int tasks, int attempt, JsonNode params, String runner,
                          StopSignal stop, BlobStore blobs, Duration timeout) {
}
