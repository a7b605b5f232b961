package dev.scatter.dashboard.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobStatus;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the job page shows one task kind's result: the figures its charts draw (computed here, so they are tested
 * in Java and the page only draws), and its result as CSV when the kind's result is a table. The page draws a
 * view with the script of the same kind name (kinds.js).
 */
public interface KindView {

    /**
     * The figures for the job page. {@code partials} reads the partial results recorded so far (by task index);
     * a view calls it only for a job small enough ({@link KindViews#LIVE_TASK_LIMIT} tasks) to be followed live.
     */
    ObjectNode view(JobStatus job, Supplier<Map<Integer, String>> partials);

    /** The result as CSV, for kinds whose result is a table. */
    default Optional<String> csv(JsonNode result) {
        return Optional.empty();
    }
}
