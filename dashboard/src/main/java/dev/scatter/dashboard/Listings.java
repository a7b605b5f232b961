package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QuarantinedEntry;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.broker.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The runners page and the dead-tasks page. */
final class Listings {

    /** Newest jobs of a queue looked at for dead tasks, jobs shown with dead tasks, and rows shown of each. */
    static final int DEAD_SCAN_JOBS = 1_000;
    static final int DEAD_JOBS = 20;
    static final int DEAD_ROWS = 50;
    static final int MALFORMED_ROWS = 100;

    private final Broker broker;
    private final Queues queues;
    private final Clock clock;

    Listings(Broker broker, Queues queues, Clock clock) {
        this.broker = broker;
        this.queues = queues;
        this.clock = clock;
    }

    ObjectNode runners() {
        Instant now = clock.instant();
        var live = broker.runners().live();
        queues.seeRunners(live);
        ObjectNode root = Http.JSON.createObjectNode();
        ArrayNode rows = root.putArray("runners");
        for (RunnerPresence r : live) {
            ObjectNode row = rows.addObject().put("id", r.id()).put("host", r.host()).put("pid", r.pid())
                    .put("threads", r.threads()).put("inFlight", r.inFlight()).put("version", r.version());
            r.queues().forEach(row.putArray("queues")::add);
            r.kinds().forEach(row.putArray("kinds")::add);
            if (r.lastSeen() != null) {
                row.put("lastSeen", r.lastSeen().toEpochMilli());
                row.put("sinceHeartbeatMillis", Math.max(0, Duration.between(r.lastSeen(), now).toMillis()));
            }
            if (r.startedAt() != null) {
                row.put("startedAt", r.startedAt().toEpochMilli());
                row.put("uptimeMillis", Math.max(0, Duration.between(r.startedAt(), now).toMillis()));
            }
        }
        return root;
    }

    ObjectNode dead(String queueName) {
        TaskQueue queue = broker.queue(queueName);
        ObjectNode root = Http.JSON.createObjectNode().put("queue", queueName);
        ArrayNode jobs = root.putArray("jobs");
        int shown = 0;
        int withDead = 0;
        for (JobStatus job : queue.jobs(0, DEAD_SCAN_JOBS)) {
            if (job.failed() == 0) {
                continue;
            }
            withDead++;
            if (shown++ >= DEAD_JOBS) {
                continue;
            }
            ObjectNode j = jobs.addObject().put("id", job.id().toString()).put("kind", job.kind())
                    .put("state", job.state().wire()).put("failed", job.failed());
            ArrayNode tasks = j.putArray("tasks");
            for (DeadTask task : broker.deadTasks(job.id(), DEAD_ROWS)) {
                tasks.add(JobJson.dead(task));
            }
        }
        root.put("jobsWithDead", withDead);
        root.put("scannedJobs", DEAD_SCAN_JOBS);
        ArrayNode malformed = root.putArray("malformed");
        for (QuarantinedEntry e : queue.malformed(MALFORMED_ROWS)) {
            ObjectNode row = malformed.addObject().put("entry", e.entry()).put("reason", e.reason());
            if (e.at() != null) {
                row.put("at", e.at().toEpochMilli());
            }
        }
        root.put("malformedCount", queue.backlog().malformed());
        return root;
    }
}
