package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The job a kind's {@link KindCommand} asks for: its tasks and parameters, and what the submit command does
 * around it.
 *
 * @param tasks            the tasks the job splits into
 * @param params           its parameters, which {@link TaskKind#prepare} checks and completes
 * @param blobs            data the tasks share, stored in the job's Redis before it is submitted (see
 *                         {@link BlobStore}) and kept twice the job's time to live
 * @param note             said on stderr once the blobs are stored and just before the job is submitted, or null
 * @param onResult         given the job's result once it has succeeded (not with --no-wait), or null
 * @param localKind        the kind runners started in this process run in place of the one loaded, or null (the
 *                         cmd kind with commands allowed, in the current directory)
 * @param localTaskTimeout the longest a task may run on runners started in this process, or null for theirs
 */
public record JobRequest(int tasks, ObjectNode params, List<byte[]> blobs, String note,
                         Consumer<JsonNode> onResult, TaskKind localKind, Duration localTaskTimeout) {

    public JobRequest {
        blobs = List.copyOf(blobs);
    }

    public static JobRequest of(int tasks, ObjectNode params) {
        return new JobRequest(tasks, params, List.of(), null, null, null, null);
    }

    public JobRequest withBlob(byte[] data) {
        List<byte[]> more = new ArrayList<>(blobs);
        more.add(data);
        return new JobRequest(tasks, params, more, note, onResult, localKind, localTaskTimeout);
    }

    public JobRequest withNote(String note) {
        return new JobRequest(tasks, params, blobs, note, onResult, localKind, localTaskTimeout);
    }

    public JobRequest onResult(Consumer<JsonNode> onResult) {
        return new JobRequest(tasks, params, blobs, note, onResult, localKind, localTaskTimeout);
    }

    public JobRequest runLocally(TaskKind localKind, Duration localTaskTimeout) {
        return new JobRequest(tasks, params, blobs, note, onResult, localKind, localTaskTimeout);
    }
}
