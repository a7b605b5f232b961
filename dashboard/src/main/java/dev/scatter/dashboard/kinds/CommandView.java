package dev.scatter.dashboard.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cmd kind: each metric's mean, standard deviation, min and max with a histogram of its values, and the
 * commands that exited non-zero.
 */
final class CommandView implements KindView {

    static final int BINS = 20;
    static final int FAILED_ROWS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ObjectNode view(JobStatus job, Supplier<Map<Integer, String>> partials) {
        ObjectNode view = JSON.createObjectNode().put("renderer", "cmd");
        JsonNode result = parse(job.result());
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

    /** Counts of the values in {@link #BINS} equal bins from min to max. */
    static ArrayNode histogram(JsonNode values, double min, double max) {
        long[] counts = new long[BINS];
        double width = (max - min) / BINS;
        for (JsonNode v : values) {
            if (v.isNumber()) {
                int bin = width <= 0 ? 0 : (int) Math.min(BINS - 1, Math.floor((v.asDouble() - min) / width));
                counts[Math.max(0, bin)]++;
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }

    /** One row per metric: name, mean, std, min, max, count. */
    @Override
    public Optional<String> csv(JsonNode result) {
        if (!result.path("metrics").isObject()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("metric,mean,std,min,max,count\n");
        result.path("metrics").properties().forEach(m -> out.append(Csv.field(m.getKey())).append(',')
                .append(m.getValue().path("mean").asText()).append(',').append(m.getValue().path("std").asText())
                .append(',').append(m.getValue().path("min").asText()).append(',')
                .append(m.getValue().path("max").asText()).append(',').append(m.getValue().path("count").asText())
                .append('\n'));
        return Optional.of(out.toString());
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
