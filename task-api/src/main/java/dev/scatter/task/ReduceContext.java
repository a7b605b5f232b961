package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.SortedMap;

/**
 * What a reducer receives.
 *
 * @param partials  every task's partial result, by index
 * @param createdAt when the job was submitted
 * @param startedAt when its first task was claimed
 */
public record ReduceContext(String jobId, int tasks, JsonNode params, SortedMap<Integer, JsonNode> partials,
                            Instant createdAt, Instant startedAt) {
}
