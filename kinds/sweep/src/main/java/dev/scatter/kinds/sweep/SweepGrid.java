package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.task.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells of a sweep, from one or more grids (each a map of parameter name to what it takes).
 *
 * <p>A full grid lists cells in scikit-learn's ParameterGrid order: grid after grid; within one, parameter
 * names sorted, the last name varying fastest. Ties for the best cell are then broken as GridSearchCV breaks
 * them. Random search draws {@code n} cells as scikit-learn's ParameterSampler does: when every parameter is a
 * list, n distinct cells of the full grid (all of them if it has fewer); otherwise, for each cell, a grid at
 * random, then each parameter in name order, a list by a uniform choice and a distribution by a draw.
 */
final class SweepGrid {

    /** The most cells one sweep may have; the result size limit usually binds first. */
    static final int MAX_CELLS = 1_000_000;
    /** Random search's seed is derived from the sweep's, so that it does not repeat the fold shuffle's draws. */
    private static final long RANDOM_SEARCH_SALT = 0x5EA2C4L;

    private SweepGrid() {
    }

    static List<ObjectNode> full(List<Map<String, ParamSpace>> grids) {
        List<ObjectNode> cells = new ArrayList<>();
        for (Map<String, ParamSpace> grid : grids) {
            TreeMap<String, ParamSpace> sorted = new TreeMap<>(grid);
            List<String> names = new ArrayList<>(sorted.keySet());
            List<List<JsonNode>> lists = new ArrayList<>();
            long size = 1;
            for (Map.Entry<String, ParamSpace> e : sorted.entrySet()) {
                if (e.getValue() instanceof ParamSpace.Distribution d) {
                    throw new IllegalArgumentException(e.getKey() + "=" + d + " is a distribution: it needs random"
                            + " search (--random N)");
                }
                List<JsonNode> values = ((ParamSpace.Values) e.getValue()).values();
                lists.add(values);
                size *= values.size();
                if (size > MAX_CELLS) {
                    throw new IllegalArgumentException("the grid has more than " + MAX_CELLS + " cells");
                }
            }
            int[] at = new int[names.size()];
            for (long c = 0; c < size; c++) {
                ObjectNode cell = JsonNodeFactory.instance.objectNode();
                for (int p = 0; p < names.size(); p++) {
                    cell.set(names.get(p), lists.get(p).get(at[p]));
                }
                cells.add(cell);
                for (int p = names.size() - 1; p >= 0; p--) {
                    if (++at[p] < lists.get(p).size()) {
                        break;
                    }
                    at[p] = 0;
                }
            }
        }
        return cells;
    }

    static List<ObjectNode> random(List<Map<String, ParamSpace>> grids, int n, long seed) {
        SplitMix64 random = new SplitMix64(seed ^ RANDOM_SEARCH_SALT);
        boolean allLists = grids.stream().flatMap(g -> g.values().stream())
                .allMatch(space -> space instanceof ParamSpace.Values);
        if (allLists) {
            List<ObjectNode> all = full(grids);
            // A partial Fisher–Yates shuffle: n distinct cells, in the order drawn.
            int take = Math.min(n, all.size());
            for (int i = 0; i < take; i++) {
                int j = i + (int) random.nextBelow(all.size() - i);
                ObjectNode swap = all.get(i);
                all.set(i, all.get(j));
                all.set(j, swap);
            }
            return new ArrayList<>(all.subList(0, take));
        }
        List<ObjectNode> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, ParamSpace> grid = grids.size() == 1 ? grids.get(0) : grids.get((int) random.nextBelow(grids.size()));
            ObjectNode cell = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, ParamSpace> e : new TreeMap<>(grid).entrySet()) {
                if (e.getValue() instanceof ParamSpace.Distribution d) {
                    cell.set(e.getKey(), d.sample(random));
                } else {
                    List<JsonNode> values = ((ParamSpace.Values) e.getValue()).values();
                    cell.set(e.getKey(), values.get((int) random.nextBelow(values.size())));
                }
            }
            cells.add(cell);
        }
        return cells;
    }
}
