package dev.scatter.kinds.sweep;

import dev.scatter.task.CsvField;
import dev.scatter.task.InvalidParametersException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes a sweep's result as CSV (--csv FILE): one row per cell in grid order, with the column names of
 * scikit-learn's cv_results_ (param_C, mean_test_score, rank_test_score, split0_test_score, mean_fit_time, ...), so
 * the file reads as {@code pandas.DataFrame(search.cv_results_)} would. The dashboard's CSV download is the same
 * text ({@link SweepDashboardView}); a parameter's value that a spreadsheet would take for a formula is quoted.
 */
final class SweepCsv {

    private SweepCsv() {
    }

    static void write(JsonNode result, Path file) {
        try {
            Files.writeString(file, render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParametersException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static String render(JsonNode result) {
        int folds = result.path("folds").asInt();
        TreeSet<String> names = new TreeSet<>();
        result.path("cells").forEach(c -> c.path("params").fieldNames().forEachRemaining(names::add));
        List<String> header = new ArrayList<>();
        header.add("index");
        names.forEach(n -> header.add(CsvField.of("param_" + n)));
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
                row.add(CsvField.of(c.path("params").has(n) ? c.path("params").get(n).asText() : ""));
            }
            row.add(c.path("meanScore").asText());
            row.add(c.path("stdScore").asText());
            row.add(c.path("rank").asText());
            c.path("scores").forEach(s -> row.add(s.asText()));
            row.add(c.path("meanFitSeconds").asText());
            row.add(c.path("stdFitSeconds").asText());
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }
}
