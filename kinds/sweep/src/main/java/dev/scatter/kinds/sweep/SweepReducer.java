package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Folds a sweep's per-(cell, fold) scores into its result, as scikit-learn's GridSearchCV fills cv_results_:
 * per cell the mean and population standard deviation of the score and of the fit time; ranks by mean score
 * with ties sharing the lowest rank (rankdata method 'min'); the best cell is the first in grid order among those
 * ranked 1, as best_index_ is.
 */
final class SweepReducer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SweepReducer() {
    }

    static ObjectNode reduce(SweepParams params, Map<Integer, JsonNode> partials, int tasks, double wallSeconds) {
        int k = params.folds();
        int cells = params.cells();
        double[][] scores = new double[cells][k];
        double[][] fits = new double[cells][k];
        Set<String> runners = new HashSet<>();
        for (Map.Entry<Integer, JsonNode> e : partials.entrySet()) {
            int cell = e.getKey() / k;
            int fold = e.getKey() % k;
            scores[cell][fold] = e.getValue().path("score").asDouble();
            fits[cell][fold] = e.getValue().path("fitSeconds").asDouble();
            if (e.getValue().hasNonNull("runner")) {
                runners.add(e.getValue().get("runner").asText());
            }
        }
        double[] means = new double[cells];
        for (int c = 0; c < cells; c++) {
            means[c] = mean(scores[c]);
        }
        ObjectNode result = JSON.objectNode()
                .put("model", params.model())
                .put("data", params.data().name())
                .put("scoring", params.scoring().wire())
                .put("folds", k);
        if (params.foldColumn() != null) {
            result.put("foldColumn", params.foldColumn());
        } else {
            result.put("seed", params.seed());
        }
        result.put("scale", params.scale());
        ArrayNode cellNodes = result.putArray("cells");
        int best = 0;
        for (int c = 0; c < cells; c++) {
            int rank = 1;
            for (double other : means) {
                if (other > means[c]) {
                    rank++;
                }
            }
            if (means[c] > means[best]) {
                best = c;
            }
            ObjectNode cell = cellNodes.addObject();
            cell.put("index", c);
            cell.set("params", params.grid().get(c).deepCopy());
            cell.put("rank", rank)
                    .put("meanScore", means[c])
                    .put("stdScore", std(scores[c], means[c]));
            ArrayNode foldScores = cell.putArray("scores");
            for (double s : scores[c]) {
                foldScores.add(s);
            }
            double meanFit = mean(fits[c]);
            cell.put("meanFitSeconds", meanFit).put("stdFitSeconds", std(fits[c], meanFit));
            ArrayNode foldFits = cell.putArray("fitSeconds");
            for (double s : fits[c]) {
                foldFits.add(s);
            }
        }
        result.set("best", cellNodes.get(best).deepCopy());
        return result.put("tasks", tasks).put("runners", runners.size()).put("wallSeconds", wallSeconds);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Population standard deviation (numpy's default ddof=0, as cv_results_ std_test_score). */
    private static double std(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
