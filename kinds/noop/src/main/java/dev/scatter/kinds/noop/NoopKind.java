package dev.scatter.kinds.noop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;

/** Tasks that do nothing: for measuring the queue itself, and for checking a deployment end to end. */
public final class NoopKind implements TaskKind {

    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        return params;
    }

    @Override
    public JsonNode run(TaskContext task) {
        return IntNode.valueOf(1);
    }

    @Override
    public JsonNode reduce(ReduceContext job) {
        long sum = 0;
        for (JsonNode partial : job.partials().values()) {
            sum += partial.asLong();
        }
        return JsonNodeFactory.instance.objectNode().put("tasks", job.tasks()).put("completed", sum);
    }
}
