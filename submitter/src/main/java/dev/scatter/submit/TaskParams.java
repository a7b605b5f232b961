package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.kinds.cmd.CommandGrid;
import dev.scatter.kinds.pi.PiSampler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one task of a built-in kind, from its job's parameters, as the kind splits them: a command's
 * seed or grid cell, a sweep's cell and fold, a pi task's seed and samples. Other kinds (plug-ins) have none here.
 */
final class TaskParams {

    private final String kind;
    private final JsonNode params;
    private final CommandGrid grid;

    TaskParams(String kind, JsonNode params) {
        this.kind = kind;
        this.params = params;
        CommandGrid g = null;
        if ("cmd".equals(kind)) {
            try {
                g = CommandGrid.fromJson(params.get("axes"));
            } catch (RuntimeException unreadable) {
                g = null;
            }
        }
        this.grid = g;
    }

    /** Name to value, in the kind's order; empty when they cannot be told. */
    Map<String, String> of(int task, int tasks) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            switch (kind) {
                case "cmd" -> {
                    if (grid != null) {
                        values.putAll(grid.valuesOf(task));
                    }
                }
                case "sweep" -> {
                    int folds = Math.max(1, params.path("folds").asInt(1));
                    JsonNode cell = params.path("grid").path(task / folds);
                    cell.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isTextual()
                            ? e.getValue().asText() : e.getValue().toString()));
                    values.put("fold", Integer.toString(task % folds));
                }
                case "pi" -> {
                    values.put("seed", Long.toString(PiSampler.taskSeed(params.path("seed").asLong(), task)));
                    values.put("samples", Long.toString(PiSampler.samplesOf(params.path("samples").asLong(), tasks,
                            task)));
                }
                default -> { }
            }
        } catch (RuntimeException unreadable) {
            values.clear();
        }
        return values;
    }
}
