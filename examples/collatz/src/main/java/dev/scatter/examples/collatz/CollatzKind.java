package dev.scatter.examples.collatz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.JobPlot;
import dev.scatter.task.KindCommand;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;

/**
 * An example task kind: which starting number up to {@code limit} has the longest Collatz chain (n -> n/2 when
 * even, 3n+1 when odd, until 1)? Each task scans one slice of 1..limit; the reduce keeps the longest chain, the
 * smaller start on a tie, so the answer does not depend on which task finished first.
 */
public final class CollatzKind implements TaskKind {

    @Override
    public String name() {
        return "collatz";
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        long limit = params.path("limit").asLong(0);
        if (limit < 1) {
            throw new InvalidParametersException("collatz needs a limit of at least 1");
        }
        if (tasks > limit) {
            throw new InvalidParametersException("more tasks (" + tasks + ") than numbers to scan (" + limit + ")");
        }
        return params;
    }

    @Override
    public JsonNode run(TaskContext task) {
        long limit = task.params().path("limit").asLong();
        long from = 1 + limit * task.index() / task.tasks();
        long to = limit * (task.index() + 1L) / task.tasks();
        long bestStart = from;
        int bestSteps = -1;
        for (long n = from; n <= to; n++) {
            if ((n & 0xFFFF) == 0 && task.stop().isSet()) {
                throw new java.util.concurrent.CancellationException(task.stop().reason());
            }
            int steps = steps(n);
            if (steps > bestSteps) {
                bestSteps = steps;
                bestStart = n;
            }
        }
        return JsonNodeFactory.instance.objectNode().put("start", bestStart).put("steps", bestSteps);
    }

    @Override
    public JsonNode reduce(ReduceContext job) {
        long bestStart = 0;
        int bestSteps = -1;
        for (JsonNode partial : job.partials().values()) {
            int steps = partial.path("steps").asInt();
            long start = partial.path("start").asLong();
            if (steps > bestSteps || (steps == bestSteps && start < bestStart)) {
                bestSteps = steps;
                bestStart = start;
            }
        }
        return JsonNodeFactory.instance.objectNode().put("start", bestStart).put("steps", bestSteps);
    }

    /** {@code submit collatz --limit N --tasks N}: what submit knows of the kind when the plug-in is given to it. */
    @Override
    public KindCommand submitCommand() {
        return new CollatzCommand();
    }

    @Override
    public String resultText(String jobId, JsonNode result) {
        return "longest  " + result.path("start").asLong() + ": " + result.path("steps").asInt() + " steps to 1\n";
    }

    /** The winning chain (drawn by submit result --plot, never by a runner). */
    @Override
    public JobPlot plot() {
        return new CollatzPlot();
    }

    static int steps(long n) {
        int steps = 0;
        while (n != 1) {
            n = (n & 1) == 0 ? n >>> 1 : 3 * n + 1;
            steps++;
        }
        return steps;
    }
}
