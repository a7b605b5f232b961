package dev.scatter.kinds.pi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.DashboardView;
import java.util.ArrayList;
import java.util.List;

/**
 * The pi job on a dashboard: the estimate after each completed task, in completion order, with its 95% band,
 * growing as tasks complete (from the partial results while the job runs, from the result's own curve once it
 * has one). The live curve is the one the reduce records ({@link RunningEstimate}), so the two cannot disagree.
 */
final class PiDashboardView implements DashboardView {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode figures(DashboardJob job) {
        ObjectNode view = JSON.objectNode().put("renderer", "pi");
        JsonNode result = job.result();
        if (job.succeeded() && result != null && result.has("running")) {
            view.set("points", result.get("running"));
            view.put("estimate", result.path("estimate").asDouble());
            view.put("low", result.path("ci95").path(0).asDouble());
            view.put("high", result.path("ci95").path(1).asDouble());
            view.put("samples", result.path("samples").asLong());
            view.put("live", false);
            return view;
        }
        if (!job.followedLive()) {
            view.put("note", "the estimate is drawn live for jobs of up to " + job.liveTaskLimit()
                    + " tasks; this one shows it when it ends");
            return view;
        }
        List<JsonNode> done = new ArrayList<>();
        for (JsonNode partial : job.partials().values()) {
            if (partial.path("samples").asLong() > 0) {
                done.add(partial);
            }
        }
        ArrayNode points = RunningEstimate.of(done);
        view.set("points", points);
        view.put("live", true);
        if (!points.isEmpty()) {
            JsonNode last = points.get(points.size() - 1);
            view.put("estimate", last.path("estimate").asDouble());
            view.put("low", last.path("low").asDouble());
            view.put("high", last.path("high").asDouble());
            view.put("samples", last.path("samples").asLong());
        }
        return view;
    }
}
