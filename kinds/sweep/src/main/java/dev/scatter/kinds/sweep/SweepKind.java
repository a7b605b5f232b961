package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.BrokerOptions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameter sweeps: cross-validates a support-vector classifier over a grid of parameters, one task per
 * (grid cell, fold), on data stored once for all tasks (see {@link SweepParams} for the parameters,
 * {@link FoldFit} for a task, {@link SweepReducer} for the result). docs/sweeps.md has the user's view.
 */
public final class SweepKind implements TaskKind {

    public static final String NAME = "sweep";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom SEEDS = new SecureRandom();
    /** Rough bytes of one cell in the result, and of each fold's two numbers: the result must fit Redis's limit. */
    private static final int CELL_BYTES = 260;
    private static final int FOLD_BYTES = 48;

    private final DatasetCache datasets = new DatasetCache(3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        SweepParams p = SweepParams.of(params);
        int longestParams = 0;
        for (JsonNode cell : p.grid()) {
            SvcParams.of(cell);
            longestParams = Math.max(longestParams, cell.toString().length());
        }
        if (tasks != (long) p.cells() * p.folds()) {
            throw new InvalidParametersException("a sweep of " + p.cells() + " cells and " + p.folds() + " folds has "
                    + (long) p.cells() * p.folds() + " tasks, not " + tasks);
        }
        long resultBytes = (long) (p.cells() + 1) * (CELL_BYTES + longestParams + (long) FOLD_BYTES * p.folds());
        int limit = BrokerOptions.DEFAULTS.maxResultBytes();
        if (resultBytes > limit) {
            long fits = limit / (CELL_BYTES + longestParams + (long) FOLD_BYTES * p.folds()) - 1;
            throw new InvalidParametersException("a sweep of " + p.cells() + " cells and " + p.folds()
                    + " folds has too large a result for Redis (limit " + (limit >> 10) + " KiB): at most about "
                    + fits + " cells with " + p.folds() + " folds; split the grid");
        }
        ObjectNode prepared = params.deepCopy();
        if (p.foldColumn() == null && !prepared.hasNonNull("seed")) {
            prepared.put("seed", SEEDS.nextLong() & Long.MAX_VALUE);
        }
        return prepared;
    }

    @Override
    public JsonNode run(TaskContext task) throws Exception {
        SweepParams p = SweepParams.of(task.params());
        int cell = task.index() / p.folds();
        int fold = task.index() % p.folds();
        SvcParams model = SvcParams.of(p.grid().get(cell));
        Dataset data = datasets.get(p.datasetKey(), () -> CsvDataset.parse(DataSource.read(p.data(), task.blobs()),
                p.data().name(), p.label(), p.features(), p.foldColumn()));
        int[] folds;
        if (p.foldColumn() != null) {
            int found = Folds.distinctFolds(data.foldIds()).length;
            if (found != p.folds()) {
                throw new InvalidParametersException("the fold column '" + p.foldColumn() + "' has " + found
                        + " values, the sweep was submitted for " + p.folds());
            }
            folds = Folds.fromColumn(data.foldIds());
        } else {
            Folds.checkStratifiable(data, p.folds());
            folds = Folds.stratified(data.y(), data.classes().size(), p.folds(), p.seed());
        }
        FoldFit.Outcome outcome = FoldFit.run(data, folds, fold, model, p.scale(), p.scoring());
        return JSON.objectNode()
                .put("cell", cell)
                .put("fold", fold)
                .put("score", outcome.score())
                .put("fitSeconds", outcome.fitSeconds())
                .put("trainRows", outcome.trainRows())
                .put("testRows", outcome.testRows())
                .put("runner", task.runner());
    }

    @Override
    public JsonNode reduce(ReduceContext job) {
        Instant start = job.startedAt() != null ? job.startedAt() : job.createdAt();
        double wallSeconds = start == null ? 0 : Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Map<Integer, JsonNode> partials = job.partials();
        return SweepReducer.reduce(SweepParams.of(job.params()), partials, job.tasks(), wallSeconds);
    }

    /** {@code submit sweep}. */
    @Override
    public KindCommand submitCommand() {
        return new SweepCommand();
    }

    /** The cells ranked, then the best. */
    @Override
    public String resultText(String jobId, JsonNode result) {
        return result.has("cells") ? SweepTable.render(result) : null;
    }

    /** Drawn by submit result --plot (the plot module, which submit has and runners need not). */
    @Override
    public JobPlot plot() {
        return new SweepPlot();
    }

    /** The ranked cells and the heatmap on the dashboard's job page; the result as CSV. */
    @Override
    public DashboardView dashboardView() {
        return new SweepDashboardView();
    }

    /** The task's grid cell and fold. */
    @Override
    public Map<String, String> taskParams(JsonNode params, int task, int tasks) {
        Map<String, String> values = new LinkedHashMap<>();
        int folds = Math.max(1, params.path("folds").asInt(1));
        JsonNode cell = params.path("grid").path(task / folds);
        cell.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        values.put("fold", Integer.toString(task % folds));
        return values;
    }

    /** The fold's score. */
    @Override
    public TaskOutcome taskOutcome(JsonNode taskResult) {
        return taskResult.has("score") ? TaskOutcome.text(String.format(Locale.ROOT, "score %.4f",
                taskResult.get("score").asDouble())) : null;
    }

    @Override
    public boolean reusesResults() {
        return true;
    }

    /** Everything but the grid, the data by its SHA-256: label, features, scaling, scoring, folds and seed. */
    @Override
    public JsonNode reuseContext(JsonNode params) {
        ObjectNode context = params.deepCopy();
        context.remove("grid");
        context.put("data", params.path("data").path("sha256").asText());
        return context;
    }

    /** An earlier sweep of a data file of the same name whose content was other. */
    @Override
    public String reuseMismatch(JsonNode params, JsonNode earlierParams) {
        if (earlierParams == null) {
            return null;
        }
        String name = params.path("data").path("name").asText("");
        boolean sameName = name.equals(earlierParams.path("data").path("name").asText(null));
        return sameName && !params.path("data").path("sha256").equals(earlierParams.path("data").path("sha256"))
                ? "earlier sweeps of " + name + " used other data (its content changed)" : null;
    }

    @Override
    public List<TaskColumn> taskColumns() {
        return List.of(new TaskColumn("CELL", r -> r.path("cell").asText()),
                new TaskColumn("FOLD", r -> r.path("fold").asText()),
                new TaskColumn("SCORE", r -> String.format(Locale.ROOT, "%.4f", r.path("score").asDouble())),
                new TaskColumn("FIT", r -> String.format(Locale.ROOT, "%.2f s", r.path("fitSeconds").asDouble())));
    }

    /** The best cell: its parameters and mean score. */
    @Override
    public JsonNode summary(JsonNode params, JsonNode result) {
        JsonNode best = result.path("best");
        ObjectNode summary = JSON.objectNode().put("cells", result.path("cells").size())
                .put("scoring", params.path("scoring").asText())
                .put("bestScore", best.path("meanScore").asDouble());
        summary.set("bestParams", best.path("params"));
        return summary;
    }
}
