package dev.scatter.dashboard.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pi kind: the estimate after each completed task, in completion order, with its 95% band, growing as tasks
 * complete (from the partial results while the job runs, from the result's own curve once it has one).
 */
final class PiView implements KindView {

    static final int POINTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ObjectNode view(JobStatus job, Supplier<Map<Integer, String>> partials) {
        ObjectNode view = JSON.createObjectNode().put("renderer", "pi");
        JsonNode result = parse(job.result());
        if (job.state() == JobState.SUCCEEDED && result != null && result.has("running")) {
            view.set("points", result.get("running"));
            view.put("estimate", result.path("estimate").asDouble());
            view.put("low", result.path("ci95").path(0).asDouble());
            view.put("high", result.path("ci95").path(1).asDouble());
            view.put("samples", result.path("samples").asLong());
            view.put("live", false);
            return view;
        }
        if (job.total() > KindViews.LIVE_TASK_LIMIT) {
            view.put("note", "the estimate is drawn live for jobs of up to " + KindViews.LIVE_TASK_LIMIT
                    + " tasks; this one shows it when it ends");
            return view;
        }
        List<JsonNode> done = new ArrayList<>();
        for (String json : partials.get().values()) {
            JsonNode p = parse(json);
            if (p != null && p.path("samples").asLong() > 0) {
                done.add(p);
            }
        }
        ArrayNode points = running(done);
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

    /** The estimate and its 95% band after each task, in completion order, at most {@link #POINTS} points. */
    static ArrayNode running(List<JsonNode> partials) {
        List<JsonNode> ordered = new ArrayList<>(partials);
        ordered.sort(Comparator.comparingLong(p -> p.path("finishedAt").asLong()));
        ArrayNode points = JSON.createArrayNode();
        long inside = 0;
        long samples = 0;
        int n = ordered.size();
        int step = Math.max(1, (int) Math.ceil((double) n / POINTS));
        for (int i = 0; i < n; i++) {
            inside += ordered.get(i).path("inside").asLong();
            samples += ordered.get(i).path("samples").asLong();
            if ((i + 1) % step == 0 || i == n - 1) {
                double p = (double) inside / samples;
                double estimate = 4 * p;
                double halfWidth = 1.96 * 4 * Math.sqrt(p * (1 - p) / samples);
                points.addObject().put("tasks", i + 1).put("samples", samples).put("estimate", estimate)
                        .put("low", estimate - halfWidth).put("high", estimate + halfWidth);
            }
        }
        return points;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
