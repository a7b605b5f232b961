package dev.scatter.broker;

import java.io.IOException;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A task quarantined after its last attempt, or at once for a permanent failure.
 *
 * @param index    the task index, {@link ClaimedTask#REDUCE}, or {@link #UNREADABLE} for an entry whose field
 *                 is not a task index
 * @param attempts the attempts charged to it (failures; runners lost and hand-backs are not attempts)
 * @param reason   what happened, as settle-8 words it: "failed on attempt 5 of 5", "was rejected" (a permanent
 *                 failure), "lost its runner 11 times", "was handed back 51 times"; or "unreadable" for an entry
 *                 that is not what Scatter writes
 * @param error    the last error, as the runner reported it
 */
public record DeadTask(JobId job, int index, int attempts, String reason, String error, Instant at) {

    /** The index of a dead entry whose field does not name a task. */
    public static final int UNREADABLE = Integer.MIN_VALUE;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field of a job's dead hash and its JSON; an entry that cannot be read is shown as such, not dropped. */
    static DeadTask read(JobId job, String field, String json) {
        int index = field.equals("r") ? ClaimedTask.REDUCE
                : field.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(field) : UNREADABLE;
        if (index == UNREADABLE) {
            return new DeadTask(job, index, 0, "unreadable", "field " + Excerpt.quote(field) + ": "
                    + Excerpt.head(json, 200), null);
        }
        try {
            JsonNode node = JSON.readTree(json);
            return new DeadTask(job, index, node.path("attempts").asInt(), node.path("reason").asText(),
                    node.path("error").asText(), Instant.ofEpochMilli(node.path("at").asLong()));
        } catch (IOException | RuntimeException e) {
            return new DeadTask(job, index, 0, "unreadable", Excerpt.head(json, 200), null);
        }
    }
}
