package dev.scatter.kinds.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.broker.Excerpt;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command sweeps: each task runs an external command with its parameters filled in (a script over seeds, a
 * training run over a grid). Only runners started with --allow-commands run them; others quarantine the task
 * with that reason. A task's result is the command's exit code, duration, the tails of its output, and the
 * JSON object it printed on its last line, if any. A non-zero exit is a result, not an error to retry: the
 * reduce lists such tasks with their exit codes, next to the summary of every numeric metric.
 *
 * <p>Parameters: {@code command} (the arguments, with {name} placeholders), {@code axes} (see
 * {@link CommandGrid}), optionally {@code timeoutSeconds} (per task; the runner's --task-timeout also caps it).
 */
public final class CommandKind implements TaskKind {

    public static final String NAME = "cmd";
    /** Reads metrics as Python's json.dumps writes them: NaN, Infinity and -Infinity included. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final int TAIL_CHARS = 4000;

    private final CommandOptions options;

    /** As runners find it: its options are filled from the runner's command line. */
    public CommandKind() {
        this(new CommandOptions());
    }

    public CommandKind(CommandOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** --allow-commands and --workdir. */
    @Override
    public Object runnerOptions() {
        return options;
    }

    @Override
    public void checkRunnerOptions() {
        options.check();
    }

    @Override
    public String runnerHint() {
        return "a runner runs commands only when started with --allow-commands";
    }

    /** Only runners whose operator allowed commands claim these tasks; others leave them to those. */
    @Override
    public boolean isEnabled() {
        return options.allowCommands();
    }

    @Override
    public ObjectNode prepare(ObjectNode params, int tasks) {
        CommandTemplate template = template(params);
        CommandGrid grid = CommandGrid.fromJson(params.get("axes"));
        template.requireKnown(grid.names());
        if (grid.size() != tasks) {
            throw new InvalidParametersException("the parameters make " + grid.size() + " tasks, not " + tasks);
        }
        return params;
    }

    @Override
    public JsonNode run(TaskContext task) throws IOException, InterruptedException {
        if (!options.allowCommands()) {
            throw new InvalidParametersException("this runner does not run commands: start it with --allow-commands");
        }
        CommandGrid grid = CommandGrid.fromJson(task.params().get("axes"));
        Map<String, String> values = grid.valuesOf(task.index());
        Map<String, String> fill = new LinkedHashMap<>(values);
        fill.put("task", Integer.toString(task.index()));
        fill.put("job", task.jobId());
        List<String> command = template(task.params()).fill(fill);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCATTER_JOB", task.jobId());
        env.put("SCATTER_TASK", Integer.toString(task.index()));
        values.forEach((k, v) -> env.put("SCATTER_PARAM_" + k.toUpperCase(Locale.ROOT), v));

        Duration timeout = task.timeout();
        long jobTimeout = task.params().path("timeoutSeconds").asLong(0);
        if (jobTimeout > 0 && Duration.ofSeconds(jobTimeout).compareTo(timeout) < 0) {
            timeout = Duration.ofSeconds(jobTimeout);
        }
        CommandRun.Outcome outcome = CommandRun.run(command, options.workDir(), env, timeout, task.stop());

        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ObjectNode valuesNode = result.putObject("values");
        values.forEach(valuesNode::put);
        if (outcome.exitCode() == null) {
            result.putNull("exitCode");
        } else {
            result.put("exitCode", outcome.exitCode());
        }
        result.put("timedOut", outcome.timedOut());
        result.put("seconds", outcome.seconds());
        result.put("stdoutTail", tail(outcome.stdout()));
        result.put("stderrTail", tail(outcome.stderr()));
        Metrics metrics = metrics(outcome.stdout());
        if (metrics.object() != null) {
            result.set("metrics", metrics.object());
        } else if (metrics.problem() != null) {
            result.put("metricsError", metrics.problem());
        }
        return result;
    }

    @Override
    public JsonNode reduce(ReduceContext job) {
        MetricSummary summary = new MetricSummary();
        ArrayNode failed = JsonNodeFactory.instance.arrayNode();
        ArrayNode unreadable = JsonNodeFactory.instance.arrayNode();
        double seconds = 0;
        for (Map.Entry<Integer, JsonNode> e : job.partials().entrySet()) {
            JsonNode r = e.getValue();
            seconds += r.path("seconds").asDouble();
            boolean ok = r.path("exitCode").isInt() && r.path("exitCode").asInt() == 0;
            if (ok && r.hasNonNull("metricsError")) {
                unreadable.addObject().put("task", e.getKey()).<ObjectNode>set("values", r.get("values"))
                        .put("reason", r.get("metricsError").asText());
            }
            if (ok) {
                summary.add(r.get("metrics"));
            } else {
                ObjectNode f = failed.addObject();
                f.put("task", e.getKey());
                f.set("values", r.get("values"));
                f.set("exitCode", r.get("exitCode"));
                f.put("timedOut", r.path("timedOut").asBoolean());
                String stderr = r.path("stderrTail").asText("");
                f.put("stderrTail", stderr.length() > 500 ? stderr.substring(stderr.length() - 500) : stderr);
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("tasks", job.tasks());
        result.put("succeeded", job.tasks() - failed.size());
        result.put("failedCount", failed.size());
        result.put("taskSeconds", seconds);
        result.set("metrics", summary.toJson());
        result.set("failed", failed);
        result.set("unreadableMetrics", unreadable);
        return result;
    }

    private static CommandTemplate template(JsonNode params) {
        JsonNode command = params.get("command");
        if (command == null || !command.isArray()) {
            throw new InvalidParametersException("a command sweep needs a command (write it after --)");
        }
        List<String> args = new ArrayList<>();
        command.forEach(a -> args.add(a.asText()));
        return new CommandTemplate(args);
    }

    /** A command's metrics, or why the line that looked like them could not be read (both null: it printed none). */
    record Metrics(JsonNode object, String problem) {
    }

    /**
     * The last line of the output that parses as a JSON object (NaN and Infinity allowed), whatever follows it; when
     * none does, why the last line that starts with '{' does not.
     */
    static Metrics metrics(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        String problem = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node != null && node.isObject()) {
                    return new Metrics(node, null);
                }
            } catch (IOException notJson) {
                if (problem == null) {
                    String why = notJson.getMessage() == null ? "not JSON" : notJson.getMessage().lines().findFirst()
                            .orElse("not JSON");
                    problem = "the last line starting with '{' is not a JSON object: " + (why.length() > 200
                            ? why.substring(0, 200) + "..." : why);
                }
            }
        }
        return new Metrics(null, problem);
    }

    private static String tail(String text) {
        return text.length() <= TAIL_CHARS ? text : text.substring(text.length() - TAIL_CHARS);
    }

    /** {@code submit cmd}. */
    @Override
    public KindCommand submitCommand() {
        return new CmdCommand();
    }

    @Override
    public String resultText(String jobId, JsonNode result) {
        return result.has("metrics") ? CommandResultText.render(result, jobId) : null;
    }

    /** A command sweep's tasks succeed when their commands ran, whatever they exited: its result says how they ended. */
    @Override
    public String tasksRanText() {
        return "commands ran";
    }

    /** The task's seed or grid cell; none when the job's axes cannot be read. */
    @Override
    public Map<String, String> taskParams(JsonNode params, int task, int tasks) {
        try {
            return CommandGrid.fromJson(params.get("axes")).valuesOf(task);
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
    }

    /**
     * What the command did, its exit code and metrics; a command that did not exit 0 within its time is a failure,
     * and worth running again.
     */
    @Override
    public TaskOutcome taskOutcome(JsonNode taskResult) {
        if (!taskResult.isObject() || !taskResult.has("exitCode")) {
            return null;
        }
        CommandOutcome outcome = CommandOutcome.of(taskResult);
        JsonNode exitCode = taskResult.get("exitCode");
        String code = outcome == CommandOutcome.FAILED ? "exit " + exitCode.asText() : outcome.text();
        JsonNode metrics = taskResult.get("metrics");
        String text = metrics == null ? code : code + "  " + Excerpt.head(metrics.toString(), 120);
        return new TaskOutcome(outcome.text(), exitCode, text,
                metrics != null ? metrics : JsonNodeFactory.instance.objectNode(), outcome != CommandOutcome.EXITED_0);
    }

    @Override
    public boolean reusesResults() {
        return true;
    }

    @Override
    public String reuseMismatch(JsonNode params, JsonNode earlierParams) {
        return earlierParams == null ? "the command names {task} or {job}, whose values change from job to job" : null;
    }

    /** The command and its time limit; none when the command names {task} or {job}, whose values change per job. */
    @Override
    public JsonNode reuseContext(JsonNode params) {
        for (JsonNode arg : params.path("command")) {
            if (arg.asText().contains("{task}") || arg.asText().contains("{job}")) {
                return null;
            }
        }
        ObjectNode context = params.deepCopy();
        context.remove("axes");
        return context;
    }

    /** Some commands exited non-zero (or timed out): the sweep ran, but not every command succeeded. */
    @Override
    public boolean resultReportsFailure(JsonNode result) {
        return result.path("failedCount").asInt() > 0;
    }

    /** Drawn by submit result --plot (the plot module, which submit has and runners need not). */
    @Override
    public JobPlot plot() {
        return new CommandPlot();
    }

    /** Each metric's figures and histogram, and the commands that failed, on the dashboard's job page. */
    @Override
    public DashboardView dashboardView() {
        return new CommandDashboardView();
    }

    @Override
    public List<TaskColumn> taskColumns() {
        return List.of(new TaskColumn("VALUES", r -> r.path("values").toString()),
                new TaskColumn("EXIT", r -> r.path("timedOut").asBoolean() ? "timed out" : r.path("exitCode").asText()),
                new TaskColumn("SECONDS", r -> String.format(Locale.ROOT, "%.1f", r.path("seconds").asDouble())));
    }

    /** How many commands ran and how many failed. */
    @Override
    public JsonNode summary(JsonNode params, JsonNode result) {
        return JsonNodeFactory.instance.objectNode().put("tasks", result.path("tasks").asInt())
                .put("succeeded", result.path("succeeded").asInt()).put("failed", result.path("failedCount").asInt());
    }
}
