package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Jobs as the pages read them. Every text is passed as data (a JSON string), never as markup: the pages put it
 * into the document as text. Times are epoch milliseconds (null when unknown).
 */
final class JobJson {

    private JobJson() {
    }

    /** What a row of the jobs table shows. */
    static ObjectNode summary(JobStatus job, Instant now) {
        ObjectNode node = Http.JSON.createObjectNode();
        node.put("id", job.id().toString());
        node.put("queue", job.id().queue());
        node.put("kind", job.kind());
        node.put("state", job.state().wire());
        node.put("total", job.total());
        node.put("succeeded", job.succeeded());
        node.put("failed", job.failed());
        node.put("retried", job.retries());
        node.put("recovered", job.recovered());
        node.put("handedBack", job.handedBack());
        node.put("done", job.done());
        node.put("progress", job.progress());
        millis(node, "createdAt", job.createdAt());
        millis(node, "startedAt", job.startedAt());
        millis(node, "finishedAt", job.finishedAt());
        if (job.createdAt() != null) {
            node.put("ageMillis", Duration.between(job.createdAt(), now).toMillis());
        }
        Instant start = job.startedAt() != null ? job.startedAt() : job.createdAt();
        if (start != null) {
            Instant end = job.finishedAt() != null ? job.finishedAt() : now;
            node.put("durationMillis", Math.max(0, Duration.between(start, end).toMillis()));
        }
        if (job.isBroken()) {
            node.put("broken", job.broken());
        }
        return node;
    }

    /** The job page: the summary, its parameters, result, error, timeline and throughput. */
    static ObjectNode detail(JobStatus job, Instant now) {
        ObjectNode node = summary(job, now);
        node.put("maxAttempts", job.maxAttempts());
        node.put("maxRecoveries", job.maxRecoveries());
        node.set("params", parsed(job.paramsJson()));
        node.set("result", parsed(job.result()));
        node.put("error", job.error());
        var timeline = node.putArray("timeline");
        if (job.createdAt() != null) {
            timeline.addObject().put("event", "created").put("at", job.createdAt().toEpochMilli());
        }
        if (job.startedAt() != null) {
            timeline.addObject().put("event", "started").put("at", job.startedAt().toEpochMilli());
        }
        if (job.finishedAt() != null) {
            timeline.addObject().put("event", job.state().wire()).put("at", job.finishedAt().toEpochMilli());
        } else {
            timeline.addObject().put("event", job.state().wire() + " now").put("at", now.toEpochMilli());
        }
        if (job.startedAt() != null) {
            Instant end = job.finishedAt() != null ? job.finishedAt() : now;
            double seconds = Math.max(0.001, Duration.between(job.startedAt(), end).toMillis() / 1000.0);
            node.put("tasksPerSecond", job.done() / seconds);
        }
        return node;
    }

    static ObjectNode dead(DeadTask task) {
        ObjectNode node = Http.JSON.createObjectNode();
        node.put("job", task.job().toString());
        node.put("task", task.index() == -1 ? "reduce" : task.index() == DeadTask.UNREADABLE ? "?" : Integer.toString(task.index()));
        node.put("attempts", task.attempts());
        node.put("reason", task.reason());
        node.put("error", task.error());
        millis(node, "at", task.at());
        return node;
    }

    /** Stored JSON as a tree; text that does not parse is kept as a string, to be shown as it is. */
    static JsonNode parsed(String json) {
        if (json == null) {
            return Http.JSON.nullNode();
        }
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            return Http.JSON.getNodeFactory().textNode(json);
        }
    }

    private static void millis(ObjectNode node, String field, Instant at) {
        if (at == null) {
            node.putNull(field);
        } else {
            node.put(field, at.toEpochMilli());
        }
    }
}
