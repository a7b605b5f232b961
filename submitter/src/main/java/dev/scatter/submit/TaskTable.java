package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.scatter.broker.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A job's tasks as text (a line each, a command's last stderr lines under it), JSON or CSV. */
final class TaskTable {

    static final int STDERR_LINES = 3;
    private static final int PARAMS_WIDTH = 60;

    private TaskTable() {
    }

    static String text(List<TaskRow> rows) {
        int width = 6;
        for (TaskRow row : rows) {
            width = Math.max(width, Math.min(PARAMS_WIDTH, params(row).length()));
        }
        String format = "%-6s %-" + width + "s %-10s %7s %9s  %-16s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "TASK", "PARAMS", "STATE", "ATTEMPT", "TIME", "RUNNER",
                "OUTCOME"));
        for (TaskRow row : rows) {
            out.append(String.format(Locale.ROOT, format, row.index(), cut(params(row), PARAMS_WIDTH), row.state(),
                    row.attempt() == null ? "-" : row.attempt().toString(),
                    row.seconds() == null ? "-" : String.format(Locale.ROOT, "%.2f s", row.seconds()),
                    row.runner() == null ? "-" : cut(row.runner(), 16), outcome(row)));
            String stderr = row.command() != null && row.command() != CommandOutcome.EXITED_0
                    ? row.stderrTail(STDERR_LINES) : "";
            for (String line : stderr.lines().toList()) {
                out.append("       stderr: ").append(cut(line, 200)).append('\n');
            }
        }
        return out.toString();
    }

    /** A value as one printable line of at most {@code max} characters, cut with an ellipsis. */
    private static String cut(String text, int max) {
        String line = Excerpt.printable(text);
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
    }

    private static String params(TaskRow row) {
        List<String> parts = new ArrayList<>();
        row.params().forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static String outcome(TaskRow row) {
        CommandOutcome command = row.command();
        if (command != null) {
            JsonNode exit = row.result().get("exitCode");
            String text = command == CommandOutcome.FAILED ? "exit " + exit.asText() : command.text();
            JsonNode metrics = row.metrics();
            return metrics == null ? text : text + "  " + cut(metrics.toString(), 120);
        }
        if (row.error() != null) {
            return cut(row.error().strip().lines().findFirst().orElse(""), 120);
        }
        return row.resultText();
    }

    static String json(List<TaskRow> rows) {
        ArrayNode array = JobJson.MAPPER.createArrayNode();
        rows.forEach(r -> array.add(r.toJson()));
        return JobJson.write(array);
    }

    /**
     * One row per task: its parameters and every metric (or, for kinds other than commands, every number of its
     * result) a column of their own, in the order first met.
     */
    static String csv(List<TaskRow> rows) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (TaskRow row : rows) {
            params.addAll(row.params().keySet());
            JsonNode m = row.numbers();
            if (m != null && m.isObject()) {
                m.fieldNames().forEachRemaining(metrics::add);
            }
        }
        List<String> header = new ArrayList<>(List.of("task"));
        header.addAll(params);
        header.addAll(List.of("state", "attempt", "seconds", "runner", "outcome", "exit_code"));
        header.addAll(metrics);
        header.add("error");
        StringBuilder out = new StringBuilder(Csv.row(header));
        for (TaskRow row : rows) {
            List<String> fields = new ArrayList<>(List.of(Integer.toString(row.index())));
            params.forEach(p -> fields.add(row.params().getOrDefault(p, "")));
            fields.add(row.state());
            fields.add(row.attempt() == null ? "" : row.attempt().toString());
            fields.add(row.seconds() == null ? "" : String.format(Locale.ROOT, "%.3f", row.seconds()));
            fields.add(row.runner());
            CommandOutcome command = row.command();
            fields.add(command == null ? "" : command.text());
            fields.add(command == null ? "" : row.result().get("exitCode").asText());
            JsonNode m = row.numbers();
            metrics.forEach(k -> fields.add(m == null || !m.has(k) ? "" : m.get(k).isTextual() ? m.get(k).asText()
                    : m.get(k).toString()));
            fields.add(row.error() == null ? "" : row.error().strip());
            out.append(Csv.row(fields));
        }
        return out.toString();
    }
}
