package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task of a job as {@code submit tasks} shows it: its parameters, where it stands, its last settled attempt
 * (the task record settle-8 keeps: attempt, duration, runner) and, for a command, what the command did.
 *
 * @param state   succeeded, dead, running, retrying, waiting, or "not run" (the job ended without it)
 * @param record  the task's record, or null when it never settled (or its record was not kept)
 * @param dead    its dead entry, or null
 */
record TaskRow(int index, Map<String, String> params, String state, JsonNode record, DeadTask dead) {

    /** Every task of the job, in order. */
    static List<TaskRow> read(Broker broker, JobStatus job) {
        Map<Integer, String> records = broker.taskRecords(job.id(), job.total());
        Map<Integer, DeadTask> dead = new HashMap<>();
        for (DeadTask d : broker.deadTasks(job.id())) {
            dead.put(d.index(), d);
        }
        Set<Integer> leased = job.state().isTerminal() ? Set.of() : broker.leasedTasks(job.id());
        TaskParams params = new TaskParams(job.kind(), JobJson.parse(job.paramsJson()));
        List<TaskRow> rows = new ArrayList<>(job.total());
        for (int i = 0; i < job.total(); i++) {
            JsonNode record = records.containsKey(i) ? JobJson.parse(records.get(i)) : null;
            String settled = record == null ? null : record.path("state").asText(null);
            String state;
            if (dead.containsKey(i)) {
                state = "dead";
            } else if ("succeeded".equals(settled)) {
                state = "succeeded";
            } else if (leased.contains(i)) {
                state = "running";
            } else if ("retrying".equals(settled) && !job.state().isTerminal()) {
                state = "retrying";
            } else {
                state = job.state().isTerminal() ? "not run" : "waiting";
            }
            rows.add(new TaskRow(i, params.of(i, job.total()), state, record, dead.get(i)));
        }
        return rows;
    }

    JsonNode result() {
        return record == null ? null : record.get("result");
    }

    /** For a command task that ran: what the command did; null otherwise. */
    CommandOutcome command() {
        JsonNode result = result();
        return result != null && result.isObject() && result.has("exitCode") ? CommandOutcome.of(result) : null;
    }

    /** Whether --failed shows it: dead, retrying, or a command that did not exit 0. */
    boolean failed() {
        CommandOutcome command = command();
        return "dead".equals(state) || "retrying".equals(state)
                || (command != null && command != CommandOutcome.EXITED_0);
    }

    Integer attempt() {
        if (record != null && record.has("attempt")) {
            return record.get("attempt").asInt();
        }
        return dead == null ? null : dead.attempts();
    }

    Double seconds() {
        return record != null && record.has("ms") ? record.get("ms").asLong() / 1000.0 : null;
    }

    String runner() {
        return record == null ? null : record.path("runner").asText(null);
    }

    /** The error of a dead or retrying task (the dead entry's in full), or null. */
    String error() {
        if (dead != null) {
            return dead.error();
        }
        return record == null || "succeeded".equals(record.path("state").asText()) ? null
                : record.path("error").asText(null);
    }

    JsonNode metrics() {
        JsonNode result = result();
        return result == null ? null : result.get("metrics");
    }

    /**
     * The task's numbers, for a table: a command's metrics, or the numeric fields of another kind's result (a
     * sweep's score, a pi task's count), less those that repeat its parameters.
     */
    JsonNode numbers() {
        if (command() != null) {
            return metrics();
        }
        JsonNode result = result();
        if (result == null || !result.isObject()) {
            return null;
        }
        ObjectNode numbers = JobJson.MAPPER.createObjectNode();
        result.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber() && !params.containsKey(e.getKey())) {
                numbers.set(e.getKey(), e.getValue());
            }
        });
        return numbers;
    }

    /** The last {@code lines} non-blank lines of a command's stderr. */
    String stderrTail(int lines) {
        JsonNode result = result();
        if (result == null || !result.hasNonNull("stderrTail")) {
            return "";
        }
        List<String> all = result.get("stderrTail").asText().strip().lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** What a task's result says in one short phrase, for kinds other than commands (a sweep's score, say). */
    String resultText() {
        JsonNode result = result();
        if (result == null || command() != null) {
            return "";
        }
        if (result.has("score")) {
            return "score " + String.format(java.util.Locale.ROOT, "%.4f", result.get("score").asDouble());
        }
        if (result.has("inside") && result.has("samples")) {
            return result.get("inside").asLong() + " of " + result.get("samples").asLong() + " inside";
        }
        return dev.scatter.broker.Excerpt.head(result.toString(), 60);
    }

    ObjectNode toJson() {
        ObjectNode node = JobJson.MAPPER.createObjectNode();
        node.put("task", index);
        ObjectNode p = node.putObject("params");
        params.forEach(p::put);
        node.put("state", state);
        putOrNull(node, "attempt", attempt());
        if (seconds() == null) {
            node.putNull("seconds");
        } else {
            node.put("seconds", seconds());
        }
        node.put("runner", runner());
        CommandOutcome command = command();
        if (command != null) {
            node.put("outcome", command.text());
            node.set("exitCode", result().get("exitCode"));
            node.set("metrics", metrics());
            node.put("stderrTail", stderrTail(5));
        } else if (result() != null) {
            node.set("result", result());
        }
        node.put("error", error());
        return node;
    }

    private static void putOrNull(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
