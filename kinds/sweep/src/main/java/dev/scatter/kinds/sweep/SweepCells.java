package dev.scatter.kinds.sweep;

import dev.scatter.plot.Numbers;
import dev.scatter.plot.PlotException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's cells as read from its result: each cell's parameter values (as labels) and its mean score, and
 * for each parameter the values the grid takes, in order. Numeric parameters are sorted by value; others keep
 * the order in which the grid first uses them.
 */
final class SweepCells {

    /** A value shown where a cell does not set a parameter (grids that join several sub-grids). */
    static final String UNSET = "unset";

    record Cell(Map<String, String> params, double mean, double std) {
    }

    /**
     * One parameter: its values as keys (exact) and as labels (short, for axes); {@code numbers} holds the
     * values when all are numeric, else null.
     */
    record Axis(String name, List<String> keys, List<String> labels, double[] numbers) {

        boolean numeric() {
            return numbers != null;
        }

        int size() {
            return keys.size();
        }

        String label(String key) {
            return labels.get(keys.indexOf(key));
        }
    }

    private final List<Cell> cells;
    private final List<Axis> axes;
    private final int folds;

    private SweepCells(List<Cell> cells, List<Axis> axes, int folds) {
        this.cells = cells;
        this.axes = axes;
        this.folds = folds;
    }

    static SweepCells of(String jobId, JsonNode result) {
        JsonNode cellsNode = result.path("cells");
        Set<String> names = new LinkedHashSet<>();
        cellsNode.forEach(c -> c.path("params").fieldNames().forEachRemaining(names::add));
        List<Cell> cells = new ArrayList<>();
        int folds = 0;
        for (JsonNode c : cellsNode) {
            double mean = c.path("meanScore").asDouble(Double.NaN);
            if (!Double.isFinite(mean)) {
                continue; // a cell with no score (every fold failed) has nothing to draw
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String name : names) {
                params.put(name, key(c.path("params").get(name)));
            }
            double std = c.path("stdScore").asDouble(0);
            cells.add(new Cell(params, mean, Double.isFinite(std) ? std : 0));
            folds = Math.max(folds, c.path("scores").size());
        }
        if (cells.isEmpty()) {
            throw new PlotException("sweep job " + jobId + " has no scored cells in its result to plot");
        }
        List<Axis> axes = new ArrayList<>();
        for (String name : names) {
            axes.add(axis(name, cells, cellsNode));
        }
        return new SweepCells(List.copyOf(cells), List.copyOf(axes), folds);
    }

    List<Cell> cells() {
        return cells;
    }

    int folds() {
        return folds;
    }

    /** The parameters that take more than one value. */
    List<Axis> varying() {
        return axes.stream().filter(a -> a.size() > 1).toList();
    }

    /** The varying parameters with the most values first; among equals, the grid's own order. */
    List<Axis> varyingByValueCount() {
        List<Axis> sorted = new ArrayList<>(varying());
        sorted.sort(Comparator.comparingInt(Axis::size).reversed());
        return sorted;
    }

    /** The best-scoring cell; ties go to the first in grid order, as scikit-learn breaks them. */
    Cell best() {
        Cell best = cells.get(0);
        for (Cell c : cells) {
            if (c.mean() > best.mean()) {
                best = c;
            }
        }
        return best;
    }

    /** "C=2.5, kernel=rbf": the named parameters of a cell, with their axis labels. */
    String describe(Cell cell, List<Axis> shown) {
        List<String> parts = new ArrayList<>();
        for (Axis a : shown) {
            parts.add(a.name() + "=" + a.label(cell.params().get(a.name())));
        }
        return String.join(", ", parts);
    }

    private static String key(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return UNSET;
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.asText();
    }

    private static Axis axis(String name, List<Cell> cells, JsonNode cellsNode) {
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(c -> c.params().get(name)).toList()));
        boolean numeric = true;
        for (JsonNode c : cellsNode) {
            JsonNode v = c.path("params").get(name);
            numeric &= v != null && v.isNumber();
        }
        if (!numeric) {
            return new Axis(name, List.copyOf(keys), List.copyOf(keys), null);
        }
        keys.sort(Comparator.comparing(java.math.BigDecimal::new));
        double[] numbers = keys.stream().mapToDouble(Double::parseDouble).toArray();
        List<String> labels = new ArrayList<>();
        for (double x : numbers) {
            labels.add(Numbers.compact(x));
        }
        // Short labels unless shortening would make two values look the same.
        boolean distinct = new HashSet<>(labels).size() == labels.size();
        return new Axis(name, List.copyOf(keys), distinct ? List.copyOf(labels) : List.copyOf(keys), numbers);
    }
}
