package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobStatus;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import dev.scatter.task.TaskOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task of a job as {@code submit tasks} shows it: its parameters, where it stands, its last settled attempt
 * (the task record settle-8 keeps: attempt, duration, runner) and what its result says, as its kind tells
 * ({@code TaskKind.taskParams}, {@code TaskKind.taskOutcome}: for a command, what the command did).
 *
 * @param state   succeeded, dead, running, retrying, waiting, or "not run" (the job ended without it)
 * @param record  the task's record, or null when it never settled (or its record was not kept)
 * @param dead    its dead entry, or null
 * @param outcome what its result says as its kind tells, or null (no result, or a kind not known here or silent)
 */
record TaskRow(int index, Map<String, String> params, String state, JsonNode record, DeadTask dead,
               TaskOutcome outcome) {

    /** Every task of the job, in order. */
    static List<TaskRow> read(Broker broker, TaskKinds kinds, JobStatus job) {
        Map<Integer, String> records = broker.taskRecords(job.id(), job.total());
        Map<Integer, DeadTask> dead = new HashMap<>();
        for (DeadTask d : broker.deadTasks(job.id())) {
            dead.put(d.index(), d);
        }
        Set<Integer> leased = job.state().isTerminal() ? Set.of() : broker.leasedTasks(job.id());
        TaskParams params = new TaskParams(kinds, job.kind(), JobJson.parse(job.paramsJson()));
        TaskKind kind = kinds.find(job.kind()).orElse(null);
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
            JsonNode result = record == null ? null : record.get("result");
            TaskOutcome outcome = kind == null || result == null ? null : outcome(kind, result);
            rows.add(new TaskRow(i, params.of(i, job.total()), state, record, dead.get(i), outcome));
        }
        return rows;
    }

    JsonNode result() {
        return record == null ? null : record.get("result");
    }

    private static TaskOutcome outcome(TaskKind kind, JsonNode result) {
        try {
            return kind.taskOutcome(result);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Whether --failed shows it: dead, retrying, or a result that reports a failure (a command that did not exit 0). */
    boolean failed() {
        return "dead".equals(state) || "retrying".equals(state) || reportsFailure();
    }

    /** Whether its result reports a failure although the task succeeded. */
    boolean reportsFailure() {
        return outcome != null && outcome.failed();
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

    /**
     * The task's numbers, for a table: those its kind names (a command's metrics), or the numeric fields of its
     * result (a sweep's score, a pi task's count), less those that repeat its parameters.
     */
    JsonNode numbers() {
        if (outcome != null && outcome.numbers() != null) {
            return outcome.numbers();
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

    /** What a task's result says in one short phrase: as its kind says it, else the result's start. */
    String resultText() {
        JsonNode result = result();
        if (result == null) {
            return "";
        }
        return outcome != null && outcome.text() != null ? outcome.text()
                : dev.scatter.broker.Excerpt.head(result.toString(), 60);
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
        if (outcome != null && outcome.word() != null) {
            // A task that says what it did (a command): that, its numbers and its last lines of stderr, not its
            // whole result with its output.
            node.put("outcome", outcome.word());
            node.set("exitCode", outcome.exitCode());
            node.set("metrics", result().get("metrics"));
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
