package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.DashboardJob;
import dev.scatter.task.DashboardView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sweep on a dashboard: the cells ranked, and a heatmap of mean score ({@link SweepHeatmap}); its result as the
 * CSV that {@code submit sweep --csv} writes.
 */
final class SweepDashboardView implements DashboardView {

    static final int RANKED_ROWS = 100;

    @Override
    public ObjectNode figures(DashboardJob job) {
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("renderer", "sweep");
        JsonNode result = job.result();
        if (result == null || !result.path("cells").isArray()) {
            view.put("note", "the ranked cells and the heatmap show when the sweep ends");
            return view;
        }
        view.put("scoring", result.path("scoring").asText());
        view.put("folds", result.path("folds").asInt());
        List<JsonNode> cells = new ArrayList<>();
        result.path("cells").forEach(cells::add);
        SweepHeatmap.of(cells).ifPresent(h -> view.set("heatmap", h));
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

    @Override
    public String csv(JsonNode result) {
        return result.path("cells").isArray() ? SweepCsv.render(result) : null;
    }
}
