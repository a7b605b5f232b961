package dev.scatter.kinds.sweep;

import dev.scatter.cli.ParserMessages;
import dev.scatter.task.InvalidParametersException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file (--grid FILE): JSON when the name ends in .json, else YAML.
 * <pre>
 * model: svc                 # optional; svc is the only model
 * random: 20                 # optional: random search, 20 cells drawn from the grid
 * grid:                      # one grid, or a list of grids (as scikit-learn's param_grid)
 *   kernel: [rbf, poly]      # a list of values (each may be a range)...
 *   C: logspace(-3, 1, 9)    # ...or the text --param takes after NAME=
 *   gamma: scale             # a single value
 * </pre>
 * Every problem is a usage error saying where: the line and column of a syntax error, the key of a bad value.
 */
final class SweepFile {

    private static final Set<String> KEYS = Set.of("model", "random", "grid");

    /** @param random cells to draw, or null for the full grid */
    record Contents(String model, Integer random, List<Map<String, ParamSpace>> grids) {
    }

    private SweepFile() {
    }

    static Contents read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            byte[] bytes = Files.readAllBytes(file);
            ObjectMapper mapper = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                    ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            // A key given twice, or text after the grid, is a mistake to point out, not to guess about.
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            root = mapper.readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new InvalidParametersException("cannot read the sweep file " + name + ": no such file");
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new InvalidParametersException("the sweep file " + name + " is malformed" + where + ": "
                    + problem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidParametersException("cannot read the sweep file " + name + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw bad(name, "", "it is empty: it needs a 'grid'");
        }
        if (!root.isObject()) {
            throw bad(name, "", "it must be a mapping with a 'grid', not a " + root.getNodeType().name().toLowerCase());
        }
        for (String key : (Iterable<String>) root::fieldNames) {
            if (!KEYS.contains(key)) {
                throw bad(name, key, "unknown key (the keys are model, random, grid)");
            }
        }
        String model = null;
        if (root.has("model")) {
            if (!root.get("model").isTextual()) {
                throw bad(name, "model", "a model name, such as svc");
            }
            model = root.get("model").asText();
        }
        Integer random = null;
        if (root.has("random")) {
            JsonNode n = root.get("random");
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
                throw bad(name, "random", "a whole number of cells to draw, at least 1, not " + n);
            }
            random = n.asInt();
        }
        JsonNode grid = root.get("grid");
        if (grid == null || grid.isNull()) {
            throw bad(name, "grid", "missing: the file needs a 'grid'");
        }
        List<Map<String, ParamSpace>> grids = new ArrayList<>();
        if (grid.isArray()) {
            for (int i = 0; i < grid.size(); i++) {
                grids.add(grid(name, "grid[" + i + "]", grid.get(i)));
            }
        } else {
            grids.add(grid(name, "grid", grid));
        }
        if (grids.isEmpty()) {
            throw bad(name, "grid", "the grid is empty");
        }
        return new Contents(model, random, grids);
    }

    /**
     * The parser's message on one line: YAML's spans several, with excerpts of the file; JSON's names the
     * parser's internals ("[Source: ...]", character codes).
     */
    private static String problem(String message) {
        String line = String.join("; ", String.valueOf(message).lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).map(String::strip).toList());
        return dev.scatter.broker.Excerpt.head(ParserMessages.withoutInternals(line), 300);
    }

    private static Map<String, ParamSpace> grid(String file, String where, JsonNode node) {
        if (!node.isObject()) {
            throw bad(file, where, "a mapping of parameter name to values, not " + describe(node));
        }
        if (node.isEmpty()) {
            throw bad(file, where, "the grid is empty: name parameters and their values");
        }
        Map<String, ParamSpace> grid = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = where + "." + e.getKey();
            try {
                grid.put(e.getKey(), space(e.getValue()));
            } catch (IllegalArgumentException problem) {
                throw bad(file, at, problem.getMessage());
            }
        }
        return grid;
    }

    private static ParamSpace space(JsonNode value) {
        if (value.isTextual()) {
            return GridParser.space(value.asText());
        }
        if (value.isNumber() || value.isBoolean()) {
            return GridParser.space(value.asText());
        }
        if (value.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("list items must be plain values or ranges, not " + describe(item));
                }
                ParamSpace space = GridParser.item(item.asText());
                if (space instanceof ParamSpace.Distribution d) {
                    throw new IllegalArgumentException(d + " is a distribution: give it alone, not in a list");
                }
                values.addAll(((ParamSpace.Values) space).values());
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an empty list: the grid is empty");
            }
            return new ParamSpace.Values(values);
        }
        throw new IllegalArgumentException("a list of values, a range or a distribution, not " + describe(value));
    }

    private static String describe(JsonNode node) {
        return node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.isNull() ? "nothing" : "'" + node.asText() + "'";
    }

    private static InvalidParametersException bad(String file, String key, String problem) {
        return new InvalidParametersException("the sweep file " + file + " is malformed" + (key.isEmpty() ? "" : " at "
                + key) + ": " + problem);
    }
}
