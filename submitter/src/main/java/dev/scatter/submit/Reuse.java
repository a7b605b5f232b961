package dev.scatter.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
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
 * <p>A task's identity is its kind, what of the job's parameters it depends on (for a sweep: the data's SHA-256,
 * label, features, scaling, scoring, folds and seed; for a command: the command and its timeout) and its own
 * parameters (seed, grid cell, fold). Commands are reused only when they exited 0, and never when the command
 * names {task} or {job}, whose values change from job to job.
 */
final class Reuse {

    static final String FIELD = "reused";
    static final List<String> KINDS = List.of("pi", "sweep", "cmd");
    /** Earlier jobs looked at, newest first: each is read whole (its result too), so not too many. */
    static final int JOBS_SCANNED = 100;
    /** Room kept in the parameters' limit for what is not reused results. */
    private static final int MARGIN = 4 * 1024;

    private Reuse() {
    }

    /** Refuses --reuse, before anything runs, for a kind whose tasks cannot be told apart here. */
    static void check(String kind) {
        if (!KINDS.contains(kind)) {
            throw new CliException(ExitCodes.USAGE, "--reuse: jobs of kind '" + kind + "' cannot reuse results (jobs of "
                    + String.join(", ", KINDS) + " can)");
        }
    }

    /** The parameters to submit: {@code params} with the results found in earlier jobs, said in one line. */
    static ObjectNode apply(Broker broker, String queue, String kind, ObjectNode params, int tasks, PrintWriter err) {
        String context = context(kind, params);
        if (context == null) {
            err.println("submit: --reuse: the command names {task} or {job}, whose values change from job to job:"
                    + " nothing reused");
            return params;
        }
        TaskParams taskParams = new TaskParams(kind, params);
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < tasks; i++) {
            wanted.putIfAbsent(identity(taskParams.of(i, tasks)), i);
        }
        ObjectNode reused = JobJson.MAPPER.createObjectNode();
        Set<String> from = new LinkedHashSet<>();
        Set<String> otherData = new LinkedHashSet<>();
        long budget = BrokerOptions.DEFAULTS.maxPayloadBytes() - MARGIN
                - params.toString().getBytes(StandardCharsets.UTF_8).length;
        int overBudget = 0;
        for (JobStatus earlier : broker.queue(queue).jobs(JOBS_SCANNED)) {
            if (wanted.isEmpty()) {
                break;
            }
            if (!kind.equals(earlier.kind()) || !earlier.state().isTerminal() || earlier.isBroken()) {
                continue;
            }
            JsonNode earlierParams = JobJson.parse(earlier.paramsJson());
            if (!earlierParams.isObject() || !context.equals(context(kind, (ObjectNode) earlierParams))) {
                if (sameDataName(kind, params, earlierParams)) {
                    otherData.add(earlier.id().toString());
                }
                continue;
            }
            TaskParams earlierTasks = new TaskParams(kind, earlierParams);
            for (Map.Entry<Integer, String> record : broker.taskRecords(earlier.id(), earlier.total()).entrySet()) {
                JsonNode r = JobJson.parse(record.getValue());
                JsonNode result = r.get("result");
                if (!"succeeded".equals(r.path("state").asText()) || result == null || !reusable(kind, result)) {
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
        say(err, reused.size(), tasks, from, otherData, overBudget, params);
        if (reused.isEmpty()) {
            return params;
        }
        ObjectNode withReused = params.deepCopy();
        withReused.set(FIELD, reused);
        return withReused;
    }

    private static void say(PrintWriter err, int reused, int tasks, Set<String> from, Set<String> otherData,
                            int overBudget, ObjectNode params) {
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
        if (reused == 0 && !otherData.isEmpty()) {
            line.append(": earlier sweeps of ").append(params.path("data").path("name").asText())
                    .append(" used other data (its content changed)");
        }
        err.println(line);
    }

    /** What of the job's parameters every task depends on, canonical; null when tasks cannot be reused. */
    static String context(String kind, ObjectNode params) {
        ObjectNode context = params.deepCopy();
        context.remove(FIELD);
        switch (kind) {
            case "sweep" -> {
                context.remove("grid");
                context.put("data", params.path("data").path("sha256").asText());
            }
            case "cmd" -> {
                for (JsonNode arg : params.path("command")) {
                    if (arg.asText().contains("{task}") || arg.asText().contains("{job}")) {
                        return null;
                    }
                }
                context.remove("axes");
            }
            case "pi" -> {
                // Each task's seed and samples are its parameters: nothing else of the job counts.
                return "pi";
            }
            default -> {
                return null;
            }
        }
        return kind + "|" + canonical(context);
    }

    private static boolean sameDataName(String kind, JsonNode params, JsonNode earlier) {
        return "sweep".equals(kind) && params.path("data").path("name").asText("").equals(
                earlier.path("data").path("name").asText(null))
                && !params.path("data").path("sha256").equals(earlier.path("data").path("sha256"));
    }

    private static String identity(Map<String, String> taskParams) {
        return new TreeMap<>(taskParams).toString();
    }

    /** A command is reused only when it exited 0 within its time: a failure is worth running again. */
    private static boolean reusable(String kind, JsonNode result) {
        return !"cmd".equals(kind) || CommandOutcome.of(result) == CommandOutcome.EXITED_0;
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
