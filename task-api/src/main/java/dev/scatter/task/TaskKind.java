package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kind of job: how its parameters split into tasks, how one task runs, and how the partial results fold into
 * the job's result. Runners execute only kinds registered on them; kinds are found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/dev.scatter.task.TaskKind}).
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
}
