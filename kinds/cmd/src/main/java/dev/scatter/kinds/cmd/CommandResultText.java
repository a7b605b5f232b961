package dev.scatter.kinds.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The readable form of a command sweep's result: a line per metric, then the tasks that failed. */
final class CommandResultText {

    private CommandResultText() {
    }

    static String render(JsonNode result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "tasks    %d ran, %d exited 0, %d failed; %.1f s of command time%n",
                result.path("tasks").asInt(), result.path("succeeded").asInt(), result.path("failedCount").asInt(),
                result.path("taskSeconds").asDouble()));
        JsonNode metrics = result.path("metrics");
        if (metrics.isEmpty()) {
            out.append("metrics  none (a command reports metrics by printing a JSON object on its last line)\n");
        } else {
            out.append(String.format(Locale.ROOT, "%-24s %12s %12s %12s %12s %6s%n", "METRIC", "MEAN", "STD", "MIN",
                    "MAX", "N"));
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode m = e.getValue();
                out.append(String.format(Locale.ROOT, "%-24s %12.6g %12.6g %12.6g %12.6g %6d%n", e.getKey(),
                        m.path("mean").asDouble(), m.path("std").asDouble(), m.path("min").asDouble(),
                        m.path("max").asDouble(), m.path("count").asInt()));
            }
        }
        for (JsonNode f : result.path("failed")) {
            String code = f.path("timedOut").asBoolean() ? "timed out" : "exit " + f.path("exitCode").asText();
            out.append("failed   task ").append(f.path("task").asInt()).append(' ').append(f.path("values"))
                    .append(": ").append(code);
            String stderr = f.path("stderrTail").asText("").strip();
            if (!stderr.isEmpty()) {
                String last = stderr.substring(stderr.lastIndexOf('\n') + 1);
                out.append(" (").append(last.length() > 120 ? last.substring(0, 120) + "..." : last).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
