package dev.scatter.kinds.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises each numeric field of the JSON objects the commands printed: mean, standard deviation (sample, n-1:
 * the tasks are a sample of seeds or settings), min, max, count, and the values themselves, for plots.
 */
final class MetricSummary {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    void add(JsonNode metrics) {
        if (metrics == null || !metrics.isObject()) {
            return;
        }
        metrics.fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                values.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue().asDouble());
            }
        });
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Double> xs = e.getValue();
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : xs) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / xs.size();
            double squares = 0;
            for (double x : xs) {
                squares += (x - mean) * (x - mean);
            }
            double std = xs.size() > 1 ? Math.sqrt(squares / (xs.size() - 1)) : 0;
            ObjectNode m = out.putObject(e.getKey());
            m.put("mean", mean).put("std", std).put("min", min).put("max", max).put("count", xs.size());
            ArrayNode array = m.putArray("values");
            xs.forEach(array::add);
        }
        return out;
    }
}
