package dev.scatter.kinds.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.CsvField;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.DashboardView;
import java.util.Map;

/**
 * A command sweep on a dashboard: each metric's mean, standard deviation, min and max with a histogram of its
 * values, and the commands that exited non-zero; its result as CSV, a row per metric.
 */
final class CommandDashboardView implements DashboardView {

    static final int BINS = 20;
    static final int FAILED_ROWS = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public ObjectNode figures(DashboardJob job) {
        ObjectNode view = JSON.objectNode().put("renderer", "cmd");
        JsonNode result = job.result();
        if (result == null || !result.isObject()) {
            view.put("note", "the metrics show when the command sweep ends");
            return view;
        }
        view.put("tasks", result.path("tasks").asInt());
        view.put("failedCount", result.path("failedCount").asInt());
        ArrayNode metrics = view.putArray("metrics");
        for (Map.Entry<String, JsonNode> m : result.path("metrics").properties()) {
            JsonNode s = m.getValue();
            ObjectNode row = metrics.addObject().put("name", m.getKey()).put("mean", s.path("mean").asDouble())
                    .put("std", s.path("std").asDouble()).put("min", s.path("min").asDouble())
                    .put("max", s.path("max").asDouble()).put("count", s.path("count").asInt());
            row.set("histogram", histogram(s.path("values"), s.path("min").asDouble(), s.path("max").asDouble()));
        }
        ArrayNode failed = view.putArray("failed");
        int n = 0;
        for (JsonNode f : result.path("failed")) {
            if (n++ >= FAILED_ROWS) {
                break;
            }
            failed.addObject().put("task", f.path("task").asText()).put("exitCode", f.path("exitCode").asText())
                    .put("timedOut", f.path("timedOut").asBoolean()).put("stderrTail", f.path("stderrTail").asText());
        }
        return view;
    }

    /**
     * Counts of the values in {@link #BINS} equal bins from min to max: a fixed count, small enough for the page's
     * sparkline (the plot, CommandPlot, chooses its own bins for a full chart).
     */
    static ArrayNode histogram(JsonNode values, double min, double max) {
        long[] counts = new long[BINS];
        double width = (max - min) / BINS;
        for (JsonNode v : values) {
            if (v.isNumber()) {
                int bin = width <= 0 ? 0 : (int) Math.min(BINS - 1, Math.floor((v.asDouble() - min) / width));
                counts[Math.max(0, bin)]++;
            }
        }
        ArrayNode out = JSON.arrayNode();
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }

    /** One row per metric: name, mean, std, min, max, count. */
    @Override
    public String csv(JsonNode result) {
        if (!result.path("metrics").isObject()) {
            return null;
        }
        StringBuilder out = new StringBuilder("metric,mean,std,min,max,count\n");
        result.path("metrics").properties().forEach(m -> out.append(CsvField.of(m.getKey())).append(',')
                .append(m.getValue().path("mean").asText()).append(',').append(m.getValue().path("std").asText())
                .append(',').append(m.getValue().path("min").asText()).append(',')
                .append(m.getValue().path("max").asText()).append(',').append(m.getValue().path("count").asText())
                .append('\n'));
        return out.toString();
    }
}
