package dev.scatter.kinds.pi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.DashboardView;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.JobPlot;
import dev.scatter.task.KindCommand;
import dev.scatter.task.TaskColumn;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskOutcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The Monte-Carlo estimate of pi: each task counts how many of its samples fall inside the quarter circle; the
 * reduce adds the counts up and reports the estimate 4·inside/samples with its standard error and a 95%
 * interval, and how the estimate converged as tasks completed ({@code running}, for plots). Parameters:
 * {@code samples} (total), {@code seed} (chosen at random when absent, and reported).
 */
public final class PiKind implements TaskKind {

    public static final String NAME = "pi";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom SEEDS = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        JsonNode samplesNode = params.get("samples");
        if (samplesNode == null || !samplesNode.canConvertToLong()) {
            throw new InvalidParametersException("pi needs a whole number of samples");
        }
        long samples = samplesNode.asLong();
        if (samples < 1) {
            throw new InvalidParametersException("samples must be at least 1, not " + samples);
        }
        if (tasks > samples) {
            throw new InvalidParametersException("more tasks (" + tasks + ") than samples (" + samples
                    + "): every task needs at least one sample");
        }
        ObjectNode prepared = params.deepCopy();
        if (!prepared.hasNonNull("seed")) {
            prepared.put("seed", SEEDS.nextLong() & Long.MAX_VALUE);
        } else if (!prepared.get("seed").canConvertToLong()) {
            throw new InvalidParametersException("the seed must be a whole number");
        }
        return prepared;
    }

    @Override
    public JsonNode run(TaskContext task) {
        long samples = PiSampler.samplesOf(task.params().path("samples").asLong(), task.tasks(), task.index());
        long seed = PiSampler.taskSeed(task.params().path("seed").asLong(), task.index());
        long inside = PiSampler.countInside(seed, samples, task.stop());
        if (inside < 0) {
            throw new CancellationException(task.stop().reason());
        }
        return JSON.objectNode().put("inside", inside).put("samples", samples).put("runner", task.runner())
                .put("finishedAt", System.currentTimeMillis());
    }

    @Override
    public JsonNode reduce(ReduceContext job) {
        long inside = 0;
        long samples = 0;
        Set<String> runners = new HashSet<>();
        for (JsonNode partial : job.partials().values()) {
            inside += partial.path("inside").asLong();
            samples += partial.path("samples").asLong();
            if (partial.hasNonNull("runner")) {
                runners.add(partial.get("runner").asText());
            }
        }
        double p = (double) inside / samples;
        double estimate = 4 * p;
        double stdError = 4 * Math.sqrt(p * (1 - p) / samples);
        Instant start = job.startedAt() != null ? job.startedAt() : job.createdAt();
        double wallSeconds = start == null ? 0 : Duration.between(start, Instant.now()).toMillis() / 1000.0;
        ObjectNode result = JSON.objectNode()
                .put("estimate", estimate)
                .put("stdError", stdError);
        result.putArray("ci95").add(estimate - 1.96 * stdError).add(estimate + 1.96 * stdError);
        result.set("running", RunningEstimate.of(job.partials().values()));
        return result
                .put("samples", samples)
                .put("inside", inside)
                .put("tasks", job.tasks())
                .put("runners", runners.size())
                .put("seed", job.params().path("seed").asLong())
                .put("wallSeconds", wallSeconds);
    }

    /** {@code submit pi}. */
    @Override
    public KindCommand submitCommand() {
        return new PiCommand();
    }

    @Override
    public String resultText(String jobId, JsonNode result) {
        return result.has("estimate") ? PiText.render(result) : null;
    }

    /** Drawn by submit result --plot (the plot module, which submit has and runners need not). */
    @Override
    public JobPlot plot() {
        return new PiPlot();
    }

    /** The running estimate with its band on the dashboard's job page, live while the job runs. */
    @Override
    public DashboardView dashboardView() {
        return new PiDashboardView();
    }

    /** The task's seed and samples, as {@link #run} derives them. */
    @Override
    public Map<String, String> taskParams(JsonNode params, int task, int tasks) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("seed", Long.toString(PiSampler.taskSeed(params.path("seed").asLong(), task)));
        values.put("samples", Long.toString(PiSampler.samplesOf(params.path("samples").asLong(), tasks, task)));
        return values;
    }

    /** How many of the task's samples fell inside the circle. */
    @Override
    public TaskOutcome taskOutcome(JsonNode taskResult) {
        return taskResult.has("inside") && taskResult.has("samples") ? TaskOutcome.text(taskResult.get("inside")
                .asLong() + " of " + taskResult.get("samples").asLong() + " inside") : null;
    }

    @Override
    public boolean reusesResults() {
        return true;
    }

    /** Each task's seed and samples are its parameters: nothing else of the job counts. */
    @Override
    public JsonNode reuseContext(JsonNode params) {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public List<TaskColumn> taskColumns() {
        return List.of(new TaskColumn("SAMPLES", r -> r.path("samples").asText()),
                new TaskColumn("INSIDE", r -> r.path("inside").asText()),
                new TaskColumn("RUNNER", r -> r.path("runner").asText()));
    }

    /** The estimate, its standard error and the samples it rests on. */
    @Override
    public JsonNode summary(JsonNode params, JsonNode result) {
        return JSON.objectNode().put("estimate", result.path("estimate").asDouble())
                .put("stdError", result.path("stdError").asDouble()).put("samples", result.path("samples").asLong());
    }
}
