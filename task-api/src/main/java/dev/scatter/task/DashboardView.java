package dev.scatter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a dashboard's job page shows a kind's result ({@link TaskKind#dashboardView}): the figures its charts draw,
 * computed here so that they are tested in Java with the kind and the page only draws them, and the result as CSV
 * when it is a table.
 *
 * <p>The page draws the figures with one of its own drawings, named by their {@code renderer} field: the page's
 * scripts are the dashboard's own (its Content-Security-Policy runs no other), so a kind chooses among them and
 * gives its figures in that drawing's shape (docs/dashboard.md lists them). {@code "json"}, or a name the page
 * does not know, shows the result as JSON.
 */
public interface DashboardView {

    /**
     * The figures of the job page's view of {@code job}, a JSON object with a {@code renderer} field. Called at each
     * refresh of the page (every 2 s) while the job runs and after: it reads the job's partial results only through
     * {@link DashboardJob#partials()}, which costs Redis a read of them each time.
     */
    ObjectNode figures(DashboardJob job);

    /** The job's result as CSV, a header line and a line per row, or null when this result is not a table. */
    default String csv(JsonNode result) {
        return null;
    }
}
