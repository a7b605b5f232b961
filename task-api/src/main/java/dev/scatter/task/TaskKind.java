package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A kind of job: how its parameters split into tasks, how one task runs, and how the partial results fold into
 * the job's result. Runners execute only kinds registered on them; kinds are found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/dev.scatter.task.TaskKind}).
 *
 * <p>Beyond split ({@link #prepare}), {@link #run} and {@link #reduce}, a kind may contribute to how its jobs are
 * submitted and shown; each contribution is optional, and a kind without it gets the generic form (a job is
 * submitted with {@code submit job KIND}, its result shown as JSON, in a terminal and on a dashboard).
 *
 * <p>A task's own parameters are derived from the job's parameters and its index, so a queue entry stays a few
 * bytes whatever the job. {@link #run} must be deterministic in (params, index) for results to be reproducible
 * across retries; it may be run more than once for the same task (at-least-once), and only one result counts.
 */
public interface TaskKind {

    /** The name users submit jobs under, e.g. {@code pi}. */
    String name();

    /** The kind's version, published with its name in the runner's presence ("pi@1"). */
    default String version() {
        return "1";
    }

    /**
     * Options this kind adds to the runner's command line, or null: an object whose fields carry picocli
     * {@code @Option} annotations, which the runner adds to its own (the {@code cmd} kind's --allow-commands and
     * --workdir). Only kinds on the runner's class path can add options: plug-ins are loaded after the command line
     * is read.
     */
    default Object runnerOptions() {
        return null;
    }

    /**
     * Checks this kind's runner options once the command line is read, before anything starts.
     *
     * @throws IllegalArgumentException with a one-line message for the operator when they cannot be used
     */
    default void checkRunnerOptions() {
    }

    /**
     * Whether this runner runs this kind. A runner claims only kinds it runs; tasks of the others wait for runners
     * that do (the {@code cmd} kind runs only where the operator allowed commands).
     */
    default boolean isEnabled() {
        return true;
    }

    /**
     * What it takes for a runner to run this kind, for the message submit gives while no live runner does (the
     * cmd kind: "a runner runs commands only when started with --allow-commands"), or null for the advice given
     * for a plug-in's kind (--plugins).
     */
    default String runnerHint() {
        return null;
    }

    /**
     * Checks a job's parameters before submission and returns them completed with defaults (a random seed, say).
     *
     * @param tasks the number of tasks the job is split into
     * @throws InvalidParametersException with a message for the user when the parameters cannot run
     */
    ObjectNode prepare(ObjectNode params, int tasks);

    /** Runs one task and returns its partial result. Throwing fails this attempt (it is retried). */
    JsonNode run(TaskContext task) throws Exception;

    /** Folds the partial results of every task into the job's result. Runs once, after the last task. */
    JsonNode reduce(ReduceContext job) throws Exception;

    /**
     * The kind's {@code submit} subcommand, named after the kind, or null: a new object each call (one per command
     * line).
     */
    default KindCommand submitCommand() {
        return null;
    }

    /**
     * The job's result as lines of text for a terminal, each ending in a newline; null to show it as JSON.
     *
     * @param jobId the job, as users write it (for the commands the text suggests)
     */
    default String resultText(String jobId, JsonNode result) {
        return null;
    }

    /**
     * How the line that ends a job that succeeded counts its tasks when they succeed whatever they report (a command
     * sweep's tasks succeed when their commands ran: "commands ran"); the line then says the job ended, not that it
     * succeeded. Null: "tasks succeeded".
     */
    default String tasksRanText() {
        return null;
    }

    /**
     * Whether a job that succeeded reports failures in its result all the same (a command sweep some of whose
     * commands exited non-zero): {@code submit} then exits 1, as xargs does, so that a script notices.
     */
    default boolean resultReportsFailure(JsonNode result) {
        return false;
    }

    /** How to draw the job's result into an image, or null when the kind has no plot. */
    default JobPlot plot() {
        return null;
    }

    /**
     * The parameters of task {@code task} of {@code tasks}, derived from the job's parameters as {@link #run} derives
     * them (a command's seed or grid cell, a sweep's cell and fold, a pi task's seed and samples), name to value in
     * the kind's order: for {@code submit tasks} and to tell tasks apart for {@code --reuse}. Empty by default.
     */
    default Map<String, String> taskParams(JsonNode params, int task, int tasks) {
        return Map.of();
    }

    /**
     * What a task's partial result says, for a table of the job's tasks: a phrase, an exit code, its numbers, and
     * whether it reports a failure although the task succeeded (a command that exited non-zero: {@code --reuse}
     * runs it again). Null, the default, for an excerpt of the result and its numeric fields.
     */
    default TaskOutcome taskOutcome(JsonNode taskResult) {
        return null;
    }

    /**
     * For {@code --reuse}: what of the job's parameters every task depends on, beside its own
     * ({@link #taskParams}), as JSON that is equal for jobs whose tasks of equal parameters give equal results (a
     * sweep: its data's hash, label, folds, scoring; pi: nothing). Null, the default, when this job's tasks cannot
     * be reused. A kind that returns non-null for some jobs says so in {@link #reusesResults}.
     */
    default JsonNode reuseContext(JsonNode params) {
        return null;
    }

    /** Whether jobs of this kind may reuse results of earlier jobs ({@code --reuse}); see {@link #reuseContext}. */
    default boolean reusesResults() {
        return false;
    }

    /**
     * Why nothing of an earlier job was reused although the user may think it alike (earlier sweeps of the same
     * data file read other content), or null: said when nothing is reused. With {@code earlierParams} null: why this
     * job's tasks cannot be reused at all ({@link #reuseContext} gave null), or null to say it generically.
     */
    default String reuseMismatch(JsonNode params, JsonNode earlierParams) {
        return null;
    }

    /** Columns of a table of the job's tasks, from each task's partial result; none by default. */
    default List<TaskColumn> taskColumns() {
        return List.of();
    }

    /**
     * How a dashboard's job page shows this kind's jobs (the figures its charts draw, the result as CSV), or null, the
     * default, to show the result as JSON. Called once, when the dashboard finds the kind.
     */
    default DashboardView dashboardView() {
        return null;
    }

    /**
     * A few headline figures of a finished job for a dashboard (pi: the estimate; a sweep: the best cell), as a
     * small JSON object, or null.
     */
    default JsonNode summary(JsonNode params, JsonNode result) {
        return null;
    }
}
