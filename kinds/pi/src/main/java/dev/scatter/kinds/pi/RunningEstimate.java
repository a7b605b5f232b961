package dev.scatter.kinds.pi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The estimate as it would have read after each completed task, in completion order, with its 95% interval:
 * the curve that shows the error shrinking as 1/sqrt(samples). At most {@link #POINTS} points, evenly spread,
 * so that the result of a million-task job stays small.
 */
final class RunningEstimate {

    static final int POINTS = 200;

    private RunningEstimate() {
    }

    static ArrayNode of(Collection<JsonNode> partials) {
        List<JsonNode> ordered = new ArrayList<>(partials);
        ordered.sort(Comparator.comparingLong(p -> p.path("finishedAt").asLong()));
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
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
}
