package dev.scatter.kinds.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The readable form of a sweep's result: its cells ranked, one line each, then the best. */
final class SweepTable {

    /** Longer sweeps show their best cells; --csv and --json have them all. */
    static final int MAX_LINES = 30;

    private SweepTable() {
    }

    static String render(JsonNode r) {
        List<JsonNode> cells = new ArrayList<>();
        r.path("cells").forEach(cells::add);
        cells.sort(Comparator.comparingInt((JsonNode c) -> c.path("rank").asInt()).thenComparingInt(c -> c.path("index").asInt()));
        TreeSet<String> names = new TreeSet<>();
        cells.forEach(c -> c.path("params").fieldNames().forEachRemaining(names::add));
        String scoring = r.path("scoring").asText();

        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("rank", scoring, "fit s"));
        header.addAll(names);
        rows.add(header);
        for (JsonNode c : cells.subList(0, Math.min(cells.size(), MAX_LINES))) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(c.path("rank").asInt()));
            row.add(meanStd(c.path("meanScore").asDouble(), c.path("stdScore").asDouble()));
            row.add(String.format(Locale.ROOT, "%.3f", c.path("meanFitSeconds").asDouble()));
            for (String name : names) {
                row.add(c.path("params").has(name) ? value(c.path("params").get(name)) : "-");
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }

        StringBuilder out = new StringBuilder();
        String folds = r.has("foldColumn") ? r.path("folds").asInt() + " folds from column '"
                + r.path("foldColumn").asText() + "'" : r.path("folds").asInt() + " stratified folds (seed "
                + r.path("seed").asLong() + ")";
        int runners = r.path("runners").asInt();
        out.append(String.format(Locale.ROOT, "sweep    %s on %s%s, %s, %s; %d cells, %d tasks on %d runner%s, %.2f s%n",
                r.path("model").asText(), r.path("data").asText(), r.path("scale").asBoolean() ? " (scaled)" : "",
                folds, scoring, cells.size(), r.path("tasks").asInt(), runners, runners == 1 ? "" : "s",
                r.path("wallSeconds").asDouble()));
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                // Numbers line up on the right, parameter values read from the left.
                String padded = i == 0 ? " ".repeat(widths[i] - cell.length()) + cell
                        : cell + " ".repeat(widths[i] - cell.length());
                line.append(padded).append(i == row.size() - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        if (cells.size() > MAX_LINES) {
            out.append("... and ").append(cells.size() - MAX_LINES).append(" more cells (all of them: --csv FILE or --json)\n");
        }
        JsonNode best = r.path("best");
        out.append("best     ").append(params(best.path("params"))).append(": ").append(scoring).append(' ')
                .append(meanStd(best.path("meanScore").asDouble(), best.path("stdScore").asDouble()))
                .append(" (cell ").append(best.path("index").asInt()).append(")\n");
        return out.toString();
    }

    static String params(JsonNode params) {
        List<String> parts = new ArrayList<>();
        params.properties().forEach(e -> parts.add(e.getKey() + "=" + value(e.getValue())));
        return parts.isEmpty() ? "(defaults)" : String.join(" ", parts);
    }

    static String value(JsonNode v) {
        return v.isFloatingPointNumber() ? GridParser.format(v.asDouble()) : v.asText();
    }

    private static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
