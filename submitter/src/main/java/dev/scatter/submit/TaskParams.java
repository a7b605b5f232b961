package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one task, from its job's parameters, as the job's kind splits them ({@code TaskKind.taskParams}):
 * a command's seed or grid cell, a sweep's cell and fold, a pi task's seed and samples. Kinds not known here, or
 * that do not say, have none.
 */
final class TaskParams {

    private final TaskKind kind;
    private final JsonNode params;

    TaskParams(TaskKinds kinds, String kind, JsonNode params) {
        this.kind = kinds.find(kind).orElse(null);
        this.params = params;
    }

    /** Name to value, in the kind's order; empty when they cannot be told. */
    Map<String, String> of(int task, int tasks) {
        if (kind == null) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(kind.taskParams(params, task, tasks));
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
    }
}
