package dev.scatter.dashboard.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The sweep kind: the cells ranked, and a heatmap of mean score over the two parameters with the most values
 * (over any others, each square shows the best cell). The colour scale runs from the median score to the best,
 * so that the cells that matter, the good ones, are told apart; every cell below the median gets the bottom colour.
 */
final class SweepView implements KindView {

    static final int RANKED_ROWS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ObjectNode view(JobStatus job, Supplier<Map<Integer, String>> partials) {
        ObjectNode view = JSON.createObjectNode().put("renderer", "sweep");
        JsonNode result = parse(job.result());
        if (result == null || !result.path("cells").isArray()) {
            view.put("note", "the ranked cells and the heatmap show when the sweep ends");
            return view;
        }
        view.put("scoring", result.path("scoring").asText());
        view.put("folds", result.path("folds").asInt());
        List<JsonNode> cells = new ArrayList<>();
        result.path("cells").forEach(cells::add);
        heatmap(cells).ifPresent(h -> view.set("heatmap", h));
        cells.sort(Comparator.comparingInt(c -> c.path("rank").asInt(Integer.MAX_VALUE)));
        ArrayNode ranked = view.putArray("ranked");
        cells.stream().limit(RANKED_ROWS).forEach(c -> ranked.addObject()
                .put("rank", c.path("rank").asInt())
                .put("index", c.path("index").asInt())
                .<ObjectNode>set("params", c.path("params"))
                .put("meanScore", c.path("meanScore").asDouble(Double.NaN))
                .put("stdScore", c.path("stdScore").asDouble(Double.NaN))
                .put("meanFitSeconds", c.path("meanFitSeconds").asDouble(Double.NaN)));
        view.put("cellCount", cells.size());
        return view;
    }

    /** The grid of best mean scores over two parameters, from the cells in grid order; empty when none has a score. */
    static Optional<ObjectNode> heatmap(List<JsonNode> cells) {
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
        ObjectNode h = JSON.createObjectNode();
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

    /** As {@code submit sweep --csv} writes it: scikit-learn's cv_results_ columns, one row per cell in grid order. */
    @Override
    public Optional<String> csv(JsonNode result) {
        if (!result.path("cells").isArray()) {
            return Optional.empty();
        }
        int folds = result.path("folds").asInt();
        TreeSet<String> names = new TreeSet<>();
        result.path("cells").forEach(c -> c.path("params").fieldNames().forEachRemaining(names::add));
        List<String> header = new ArrayList<>();
        header.add("index");
        names.forEach(n -> header.add(Csv.field("param_" + n)));
        header.addAll(List.of("mean_test_score", "std_test_score", "rank_test_score"));
        for (int f = 0; f < folds; f++) {
            header.add("split" + f + "_test_score");
        }
        header.addAll(List.of("mean_fit_time", "std_fit_time"));
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (JsonNode c : result.path("cells")) {
            List<String> row = new ArrayList<>();
            row.add(c.path("index").asText());
            for (String n : names) {
                row.add(Csv.field(c.path("params").has(n) ? c.path("params").get(n).asText() : ""));
            }
            row.add(c.path("meanScore").asText());
            row.add(c.path("stdScore").asText());
            row.add(c.path("rank").asText());
            c.path("scores").forEach(s -> row.add(s.asText()));
            row.add(c.path("meanFitSeconds").asText());
            row.add(c.path("stdFitSeconds").asText());
            out.append(String.join(",", row)).append('\n');
        }
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
