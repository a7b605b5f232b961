package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scatter.task.InvalidParametersException;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep job's parameters, checked:
 * <pre>{@code
 * {"model": "svc", "data": {"sha256": "…", "name": "colors.csv", "bytes": 20480},
 *  "label": "label", "features": ["r", "g", "b", "a"], "scale": false,
 *  "folds": 5, "seed": 0,                      (or "foldColumn": "fold", with "folds" its count of values)
 *  "scoring": "accuracy",
 *  "grid": [{"C": 0.001, "kernel": "rbf"}, {"C": 0.001, "kernel": "poly"}, …]}
 * }</pre>
 * Task i evaluates cell {@code i / folds} on fold {@code i % folds}.
 *
 * @param seed the fold shuffle's seed (unused with a fold column)
 */
public record SweepParams(String model, DataRef data, String label, List<String> features, String foldColumn,
                          int folds, long seed, boolean scale, Scoring scoring, JsonNode grid) {

    public static final int MAX_FOLDS = 1000;

    public static SweepParams of(JsonNode p) {
        String model = p.path("model").asText(SvcParams.MODEL);
        if (!model.equals(SvcParams.MODEL)) {
            throw new InvalidParametersException("unknown model '" + model + "': the models are " + SvcParams.MODEL);
        }
        DataRef data = DataRef.of(p.get("data"));
        String label = text(p, "label");
        JsonNode featureNode = p.get("features");
        if (featureNode == null || !featureNode.isArray() || featureNode.isEmpty()) {
            throw new InvalidParametersException("a sweep needs 'features': the names of its feature columns");
        }
        List<String> features = new ArrayList<>();
        featureNode.forEach(f -> features.add(f.asText()));
        String foldColumn = p.hasNonNull("foldColumn") ? text(p, "foldColumn") : null;
        JsonNode foldsNode = p.get("folds");
        if (foldsNode == null || !foldsNode.canConvertToInt() || !foldsNode.isIntegralNumber()
                || foldsNode.asInt() < 2 || foldsNode.asInt() > MAX_FOLDS) {
            throw new InvalidParametersException("folds must be a whole number from 2 to " + MAX_FOLDS + ", not "
                    + foldsNode);
        }
        JsonNode seedNode = p.path("seed");
        if (!seedNode.isMissingNode() && !seedNode.isNull() && !seedNode.canConvertToLong()) {
            throw new InvalidParametersException("the seed must be a whole number, not " + seedNode);
        }
        String scoringName = p.path("scoring").asText(Scoring.ACCURACY.wire());
        Scoring scoring = Scoring.of(scoringName).orElseThrow(() -> new InvalidParametersException(
                "unknown scoring '" + scoringName + "': use " + String.join(", ", Scoring.names())));
        JsonNode grid = p.get("grid");
        if (grid == null || !grid.isArray() || grid.isEmpty()) {
            throw new InvalidParametersException("the grid is empty: a sweep needs at least one cell of parameters");
        }
        return new SweepParams(model, data, label, List.copyOf(features), foldColumn, foldsNode.asInt(),
                seedNode.asLong(0), p.path("scale").asBoolean(false), scoring, grid);
    }

    private static String text(JsonNode p, String field) {
        JsonNode node = p.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidParametersException("a sweep needs '" + field + "', a column name");
        }
        return node.asText();
    }

    public int cells() {
        return grid.size();
    }

    public int tasks() {
        return cells() * folds;
    }

    /** What a parsed dataset depends on: the same bytes parsed for the same columns. */
    String datasetKey() {
        return data.sha256() + "|" + label + "|" + String.join(",", features) + "|" + foldColumn;
    }
}
