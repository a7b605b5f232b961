package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's heatmap of a sweep: the mean score over the two parameters with the most values (over any others,
 * each square shows the best cell). The colour scale runs from the median score to the best, so that the cells that
 * matter, the good ones, are told apart; every cell below the median gets the bottom colour. Apart from
 * {@link SweepCells}, which the plot reads: that one needs the plot module, which runners and a dashboard may lack.
 */
final class SweepHeatmap {

    private SweepHeatmap() {
    }

    /** The grid of best mean scores over two parameters, from the cells in grid order; empty when none has a score. */
    static Optional<ObjectNode> of(List<JsonNode> cells) {
        Set<String> names = new LinkedHashSet<>();
        cells.forEach(c -> c.path("params").fieldNames().forEachRemaining(names::add));
        List<JsonNode> scored = cells.stream().filter(c -> Double.isFinite(c.path("meanScore").asDouble(Double.NaN)))
                .toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        List<Axis> axes = new ArrayList<>();
        for (String name : names) {
            axes.add(Axis.of(name, scored));
        }
        axes.sort(Comparator.comparingInt((Axis a) -> -a.keys.size()));
        Axis x = axes.isEmpty() ? new Axis("", List.of("")) : axes.get(0);
        Axis y = axes.size() > 1 ? axes.get(1) : new Axis("", List.of(""));
        double[][] best = new double[y.keys.size()][x.keys.size()];
        for (double[] row : best) {
            Arrays.fill(row, Double.NaN);
        }
        JsonNode top = null;
        for (JsonNode c : scored) {
            int xi = x.keys.indexOf(key(c.path("params").get(x.name)));
            int yi = y.keys.indexOf(key(c.path("params").get(y.name)));
            double mean = c.path("meanScore").asDouble();
            if (Double.isNaN(best[yi][xi]) || mean > best[yi][xi]) {
                best[yi][xi] = mean;
            }
            if (top == null || mean > top.path("meanScore").asDouble()) {
                top = c;
            }
        }
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("x", x.name);
        h.put("y", y.name);
        x.keys.forEach(h.putArray("xLabels")::add);
        y.keys.forEach(h.putArray("yLabels")::add);
        ArrayNode rows = h.putArray("values");
        List<Double> all = new ArrayList<>();
        for (double[] row : best) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                if (Double.isNaN(v)) {
                    r.addNull();
                } else {
                    r.add(v);
                    all.add(v);
                }
            }
        }
        all.sort(Comparator.naturalOrder());
        double high = all.get(all.size() - 1);
        double low = all.get((all.size() - 1) / 2);
        if (low >= high) {
            low = all.get(0);
        }
        h.put("scaleLow", low).put("scaleHigh", high);
        h.put("bestX", x.keys.indexOf(key(top.path("params").get(x.name))));
        h.put("bestY", y.keys.indexOf(key(top.path("params").get(y.name))));
        h.put("bestScore", top.path("meanScore").asDouble());
        h.put("collapsed", Math.max(0, axes.size() - 2));
        return Optional.of(h);
    }

    /** One parameter's values as labels: numbers in numeric order, others in the order the grid first uses them. */
    private record Axis(String name, List<String> keys) {

        static Axis of(String name, List<JsonNode> cells) {
            Map<String, Double> values = new LinkedHashMap<>();
            boolean numeric = true;
            for (JsonNode c : cells) {
                JsonNode v = c.path("params").get(name);
                values.putIfAbsent(key(v), v != null && v.isNumber() ? v.asDouble() : null);
                numeric &= v != null && v.isNumber();
            }
            List<String> keys = new ArrayList<>(values.keySet());
            if (numeric) {
                keys.sort(Comparator.comparingDouble(values::get));
            }
            return new Axis(name, keys);
        }
    }

    private static String key(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? "unset"
                : value.isTextual() ? value.asText() : value.toString();
    }
}
