package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The readable form of a command sweep's result: what the commands did (ran, exited 0, failed, timed out, not
 * found), a line per metric, the tasks that did not exit 0, and those whose metrics could not be read.
 */
final class CommandResultText {

    private CommandResultText() {
    }

    static String render(JsonNode result, String jobId) {
        StringBuilder out = new StringBuilder();
        int timedOut = 0;
        int notFound = 0;
        int failed = 0;
        for (JsonNode f : result.path("failed")) {
            switch (CommandOutcome.of(f)) {
                case TIMED_OUT -> timedOut++;
                case NOT_FOUND -> notFound++;
                default -> failed++;
            }
        }
        out.append(String.format(Locale.ROOT, "commands %d ran: %d exited 0, %d failed, %d timed out, %d not found;"
                        + " %.1f s of command time%n", result.path("tasks").asInt(), result.path("succeeded").asInt(),
                failed, timedOut, notFound, result.path("taskSeconds").asDouble()));
        JsonNode metrics = result.path("metrics");
        if (metrics.isEmpty()) {
            out.append("metrics  none (a command reports metrics by printing a JSON object on a line of its own, the"
                    + " last such line counting)\n");
        } else {
            out.append(String.format(Locale.ROOT, "%-24s %12s %12s %12s %12s %6s%n", "METRIC", "MEAN", "STD", "MIN",
                    "MAX", "N"));
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode m = e.getValue();
                int nonFinite = m.path("nonFinite").asInt();
                String extra = nonFinite > 0 ? "  (+" + nonFinite + " NaN or infinite, left out)" : "";
                if (m.path("count").asInt() == 0) {
                    out.append(String.format(Locale.ROOT, "%-24s %12s %12s %12s %12s %6d%s%n", e.getKey(), "-", "-",
                            "-", "-", 0, extra));
                    continue;
                }
                out.append(String.format(Locale.ROOT, "%-24s %12.6g %12.6g %12.6g %12.6g %6d%s%n", e.getKey(),
                        m.path("mean").asDouble(), m.path("std").asDouble(), m.path("min").asDouble(),
                        m.path("max").asDouble(), m.path("count").asInt(), extra));
            }
        }
        for (JsonNode f : result.path("failed")) {
            CommandOutcome outcome = CommandOutcome.of(f);
            String code = outcome == CommandOutcome.FAILED ? "exit " + f.path("exitCode").asText() : outcome.text();
            out.append("failed   task ").append(f.path("task").asInt()).append(' ').append(f.path("values"))
                    .append(": ").append(code);
            String stderr = f.path("stderrTail").asText("").strip();
            if (!stderr.isEmpty()) {
                String last = stderr.substring(stderr.lastIndexOf('\n') + 1);
                out.append(" (").append(last.length() > 120 ? last.substring(0, 120) + "..." : last).append(')');
            }
            out.append('\n');
        }
        for (JsonNode u : result.path("unreadableMetrics")) {
            out.append("metrics  unreadable in task ").append(u.path("task").asInt()).append(' ')
                    .append(u.path("values")).append(": ").append(u.path("reason").asText()).append('\n');
        }
        out.append("per task submit tasks ").append(jobId).append("   (--csv: a row per task with its parameters and"
                + " metrics; --failed)\n");
        return out.toString();
    }
}
