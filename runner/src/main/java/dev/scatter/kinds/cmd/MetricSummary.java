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
 * the tasks are a sample of seeds or settings), min, max, count, and the values themselves, for plots. NaN and
 * infinite values are counted apart ({@code nonFinite}), not summarised: one NaN would make every figure NaN.
 */
final class MetricSummary {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Integer> nonFinite = new LinkedHashMap<>();
    private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

    void add(JsonNode metrics) {
        if (metrics == null || !metrics.isObject()) {
            return;
        }
        metrics.fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                double x = field.getValue().asDouble();
                List<Double> xs = values.computeIfAbsent(field.getKey(), k -> new ArrayList<>());
                if (Double.isFinite(x)) {
                    xs.add(x);
                } else {
                    nonFinite.merge(field.getKey(), 1, Integer::sum);
                }
            } else if (field.getValue().isTextual() && NON_FINITE.contains(field.getValue().asText())) {
                // A task's result is stored as standard JSON, where NaN and the infinities are written as strings.
                values.computeIfAbsent(field.getKey(), k -> new ArrayList<>());
                nonFinite.merge(field.getKey(), 1, Integer::sum);
            }
        });
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Double> xs = e.getValue();
            ObjectNode m = out.putObject(e.getKey());
            m.put("nonFinite", nonFinite.getOrDefault(e.getKey(), 0));
            if (xs.isEmpty()) {
                m.put("count", 0);
                m.putArray("values");
                continue;
            }
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
            m.put("mean", mean).put("std", std).put("min", min).put("max", max).put("count", xs.size());
            ArrayNode array = m.putArray("values");
            xs.forEach(array::add);
        }
        return out;
    }
}
