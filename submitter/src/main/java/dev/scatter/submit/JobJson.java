package dev.scatter.submit;

import dev.scatter.cli.ParserMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.RunnerPresence;
import java.io.IOException;
import java.time.Instant;

/** The --json shapes: one object per job, with id, kind, state, task counters and, once finished, result. */
final class JobJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobJson() {
    }

    static ObjectNode job(JobStatus s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", s.id().toString());
        node.put("queue", s.id().queue());
        node.put("kind", s.kind());
        node.put("state", s.state().wire());
        if (s.isBroken()) {
            node.put("broken", s.broken());
        }
        ObjectNode tasks = node.putObject("tasks");
        tasks.put("total", s.total());
        if (s.shards() > 1) {
            tasks.put("shards", s.shards());
        }
        tasks.put("succeeded", s.succeeded());
        tasks.put("failed", s.failed());
        tasks.put("retries", s.retries());
        tasks.put("recovered", s.recovered());
        tasks.put("handedBack", s.handedBack());
        node.set("params", parse(s.paramsJson()));
        putTime(node, "createdAt", s.createdAt());
        putTime(node, "startedAt", s.startedAt());
        putTime(node, "finishedAt", s.finishedAt());
        if (s.result() != null) {
            node.set("result", parse(s.result()));
        }
        if (s.error() != null) {
            node.put("error", s.error());
        }
        return node;
    }

    static ObjectNode dead(DeadTask d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("job", d.job().toString());
        if (d.index() == DeadTask.UNREADABLE) {
            node.putNull("task");
        } else if (d.index() < 0) {
            node.put("task", "reduce");
        } else {
            node.put("task", d.index());
        }
        node.put("attempts", d.attempts());
        node.put("reason", d.reason());
        node.put("error", d.error());
        putTime(node, "at", d.at());
        return node;
    }

    static ObjectNode runner(RunnerPresence r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", r.id());
        node.put("host", r.host());
        node.put("pid", r.pid());
        ArrayNode queues = node.putArray("queues");
        r.queues().forEach(queues::add);
        ArrayNode kinds = node.putArray("kinds");
        r.kinds().forEach(kinds::add);
        node.put("threads", r.threads());
        node.put("inFlight", r.inFlight());
        node.put("version", r.version());
        putTime(node, "startedAt", r.startedAt());
        putTime(node, "lastSeen", r.lastSeen());
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return json == null ? MAPPER.nullNode() : MAPPER.readTree(json);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    /**
     * What a JSON parser found wrong, in a line for a user: its own message without the excerpt of the input
     * and the "[Source: ...]" of its internals, and where.
     */
    static String problem(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JacksonException j) {
            com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
            String original = j.getOriginalMessage() == null ? "malformed" : j.getOriginalMessage();
            String message = ParserMessages.withoutInternals(original).lines().findFirst().orElse("").strip();
            return dev.scatter.broker.Excerpt.head(message, 200)
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return dev.scatter.broker.Excerpt.head(String.valueOf(e.getMessage()), 200);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toString());
        }
    }
}
