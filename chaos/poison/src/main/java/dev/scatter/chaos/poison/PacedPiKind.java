package dev.scatter.chaos.poison;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.kinds.pi.PiSampler;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;
import java.util.concurrent.CancellationException;

/**
 * The pi kind's tasks, each made to last a while without using a core: a task waits {@code pauseMillis} (and
 * stops early when told to), then counts exactly what the pi task of the same index and seed counts. The fault
 * suite uses it where tasks must outlast a fault (a Redis outage of several leases) on a machine whose cores the
 * runners share: {@code inside} is still checked against a fault-free run.
 *
 * <p>Parameters: {@code samples} and {@code seed} as for pi, {@code pauseMillis} per task, and optionally
 * {@code pauseSpread} (0 to 1): tasks then wait from {@code (1 - spread)} to {@code (1 + spread)} times
 * {@code pauseMillis}, by index, so that runners do not all finish a task at the same moment.
 */
public class PacedPiKind implements TaskKind {

    public static final String NAME = "paced-pi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        if (params.path("samples").asLong(0) < tasks) {
            throw new InvalidParametersException(name() + " needs at least one sample per task");
        }
        if (params.path("pauseMillis").asLong(0) < 0) {
            throw new InvalidParametersException("pauseMillis must not be negative");
        }
        double spread = params.path("pauseSpread").asDouble(0);
        if (spread < 0 || spread > 1) {
            throw new InvalidParametersException("pauseSpread must be between 0 and 1");
        }
        return params;
    }

    @Override
    public JsonNode run(TaskContext task) throws Exception {
        JsonNode params = task.params();
        long until = System.nanoTime() + pauseMillis(params, task.index()) * 1_000_000L;
        while (System.nanoTime() - until < 0) {
            if (task.stop().isSet()) {
                throw new CancellationException(task.stop().reason());
            }
            Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000L)));
        }
        long samples = PiSampler.samplesOf(params.path("samples").asLong(), task.tasks(), task.index());
        long inside = PiSampler.countInside(PiSampler.taskSeed(params.path("seed").asLong(), task.index()), samples,
                task.stop());
        if (inside < 0) {
            throw new CancellationException(task.stop().reason());
        }
        return JsonNodeFactory.instance.objectNode().put("inside", inside).put("samples", samples);
    }

    /** The task's wait: the same for every task, or spread over (1 - spread) to (1 + spread) times it by index. */
    static long pauseMillis(JsonNode params, int index) {
        long pause = params.path("pauseMillis").asLong(0);
        double spread = params.path("pauseSpread").asDouble(0);
        double position = ((index * 37L) % 11) / 10.0;
        return Math.round(pause * (1 - spread + 2 * spread * position));
    }

    /** Adds the counts up, as pi does ({@code inside}, {@code samples}). */
    @Override
    public JsonNode reduce(ReduceContext job) {
        long inside = 0;
        long samples = 0;
        for (JsonNode partial : job.partials().values()) {
            inside += partial.path("inside").asLong();
            samples += partial.path("samples").asLong();
        }
        return JsonNodeFactory.instance.objectNode().put("inside", inside).put("samples", samples);
    }
}
