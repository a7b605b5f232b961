package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import dev.scatter.task.TaskOutcome;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code --reuse}: a task whose (kind, parameters, data) already has a result in an earlier job of the queue is not
 * run again, as joblib's Memory does for a function's calls. The results come from the task records the earlier
 * jobs keep until they expire (docs/protocol.md, 2.8), so reuse reaches as far back as the jobs' TTL, across hosts.
 * The new job carries them in its parameters ({@value #FIELD}, by task index), and a runner completes such a task
 * with its result at once: the job is an ordinary job, reduced over all its tasks.
 *
 * <p>A task's identity is its kind, what of the job's parameters it depends on ({@code TaskKind.reuseContext}: for
 * a sweep the data's SHA-256, label, features, scaling, scoring, folds and seed; for a command the command and its
 * timeout) and its own parameters ({@code TaskKind.taskParams}: seed, grid cell, fold). A task whose result reports
 * a failure ({@code TaskKind.taskOutcome}: a command that did not exit 0) is not reused; nor are the tasks of
 * a job the kind has no context for (a command that names {task} or {job}, whose values change from job to job).
 */
final class Reuse {

    static final String FIELD = "reused";
    /** Earlier jobs looked at, newest first: each is read whole (its result too), so not too many. */
    static final int JOBS_SCANNED = 100;
    /** Room kept in the parameters' limit for what is not reused results. */
    private static final int MARGIN = 4 * 1024;

    private Reuse() {
    }

    /** Refuses --reuse, before anything runs, for a kind whose tasks cannot be told apart here. */
    static void check(TaskKinds kinds, String kind) {
        if (!kinds.find(kind).map(TaskKind::reusesResults).orElse(false)) {
            List<String> can = kinds.names().stream().filter(k -> kinds.find(k).orElseThrow().reusesResults())
                    .sorted().toList();
            throw new CliException(ExitCodes.USAGE, "--reuse: jobs of kind '" + kind + "' cannot reuse results (jobs of "
                    + String.join(", ", can) + " can)");
        }
    }

    /** The parameters to submit: {@code params} with the results found in earlier jobs, said in one line. */
    static ObjectNode apply(Broker broker, String queue, TaskKinds kinds, String kindName, ObjectNode params, int tasks,
                            PrintWriter err) {
        TaskKind kind = kinds.find(kindName).orElseThrow();
        String context = context(kind, params);
        if (context == null) {
            String why = kind.reuseMismatch(params, null);
            err.println("submit: --reuse: " + (why != null ? why : "the tasks of this job cannot be told apart from"
                    + " other jobs'") + ": nothing reused");
            return params;
        }
        TaskParams taskParams = new TaskParams(kinds, kindName, params);
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < tasks; i++) {
            wanted.putIfAbsent(identity(taskParams.of(i, tasks)), i);
        }
        ObjectNode reused = JobJson.MAPPER.createObjectNode();
        Set<String> from = new LinkedHashSet<>();
        Set<String> mismatches = new LinkedHashSet<>();
        long budget = BrokerOptions.DEFAULTS.maxPayloadBytes() - MARGIN
                - params.toString().getBytes(StandardCharsets.UTF_8).length;
        int overBudget = 0;
        for (JobStatus earlier : broker.queue(queue).jobs(JOBS_SCANNED)) {
            if (wanted.isEmpty()) {
                break;
            }
            if (!kindName.equals(earlier.kind()) || !earlier.state().isTerminal() || earlier.isBroken()) {
                continue;
            }
            JsonNode earlierParams = JobJson.parse(earlier.paramsJson());
            if (!earlierParams.isObject() || !context.equals(context(kind, (ObjectNode) earlierParams))) {
                String mismatch = earlierParams.isObject() ? kind.reuseMismatch(params, earlierParams) : null;
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
                continue;
            }
            TaskParams earlierTasks = new TaskParams(kinds, kindName, earlierParams);
            for (Map.Entry<Integer, String> record : broker.taskRecords(earlier.id(), earlier.total()).entrySet()) {
                JsonNode r = JobJson.parse(record.getValue());
                JsonNode result = r.get("result");
                if (!"succeeded".equals(r.path("state").asText()) || result == null || reportsFailure(kind, result)) {
                    continue;
                }
                Integer task = wanted.get(identity(earlierTasks.of(record.getKey(), earlier.total())));
                if (task == null) {
                    continue;
                }
                JsonNode kept = strip(result, earlier.id().toString());
                int size = kept.toString().getBytes(StandardCharsets.UTF_8).length + 16;
                if (size > budget) {
                    overBudget++;
                    continue;
                }
                budget -= size;
                reused.set(Integer.toString(task), kept);
                wanted.values().remove(task);
                from.add(earlier.id().toString());
            }
        }
        say(err, reused.size(), tasks, from, mismatches, overBudget);
        if (reused.isEmpty()) {
            return params;
        }
        ObjectNode withReused = params.deepCopy();
        withReused.set(FIELD, reused);
        return withReused;
    }

    private static void say(PrintWriter err, int reused, int tasks, Set<String> from, Set<String> mismatches,
                            int overBudget) {
        StringBuilder line = new StringBuilder("submit: --reuse: " + reused + " of " + tasks + " tasks reused");
        if (!from.isEmpty()) {
            List<String> ids = new ArrayList<>(from);
            line.append(" from ").append(ids.size() == 1 ? "job " : ids.size() + " earlier jobs (")
                    .append(String.join(", ", ids.subList(0, Math.min(3, ids.size()))))
                    .append(ids.size() > 3 ? ", ..." : "").append(ids.size() == 1 ? "" : ")");
        }
        line.append("; ").append(tasks - reused).append(" to run");
        if (overBudget > 0) {
            line.append(" (").append(overBudget).append(" more found, over the job's parameter limit of ")
                    .append(BrokerOptions.DEFAULTS.maxPayloadBytes() >> 10).append(" KiB)");
        }
        if (reused == 0 && !mismatches.isEmpty()) {
            line.append(": ").append(mismatches.iterator().next());
        }
        err.println(line);
    }

    /** What of the job's parameters every task depends on, canonical; null when its tasks cannot be reused. */
    static String context(TaskKind kind, ObjectNode params) {
        ObjectNode job = params.deepCopy();
        job.remove(FIELD);
        JsonNode context = kind.reuseContext(job);
        return context == null ? null : kind.name() + "|" + canonical(context);
    }

    private static String identity(Map<String, String> taskParams) {
        return new TreeMap<>(taskParams).toString();
    }

    /** A task that reports a failure (a command that did not exit 0 within its time) is worth running again. */
    private static boolean reportsFailure(TaskKind kind, JsonNode result) {
        TaskOutcome outcome = kind.taskOutcome(result);
        return outcome != null && outcome.failed();
    }

    /** The result as reused: a command's output tails are left behind (they stay in the earlier job's records). */
    private static JsonNode strip(JsonNode result, String fromJob) {
        if (!result.isObject()) {
            return result;
        }
        ObjectNode kept = result.deepCopy();
        if (kept.has("stdoutTail")) {
            kept.put("stdoutTail", "");
            kept.put("stderrTail", "");
        }
        kept.put("reusedFrom", fromJob);
        return kept;
    }

    /** JSON with every object's fields in name order, so that equal parameters read equal. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), e.getValue());
            }
            StringBuilder out = new StringBuilder("{");
            fields.forEach((k, v) -> out.append(JobJson.MAPPER.getNodeFactory().textNode(k)).append(':')
                    .append(canonical(v)).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (JsonNode element : (ArrayNode) node) {
                out.append(canonical(element)).append(',');
            }
            return out.append(']').toString();
        }
        return node.toString();
    }
}
