package dev.scatter.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.broker.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The overview page's figures: per queue the counts {@code submit backlog} prints (the same two calls:
 * {@link TaskQueue#backlog()} and {@link TaskQueue#deadCount()}, the latter spared on large queues: see
 * {@link DeadCounts}), the completion rate, live runners and the jobs that have not ended. Read at most once a second
 * however many pages poll it.
 */
final class Overview {

    /** Running jobs listed per queue. */
    static final int ACTIVE_JOBS = 50;

    private final Broker broker;
    private final Queues queues;
    private final RateHistory rates;
    private final Clock clock;
    private final Cached<ObjectNode> cached;
    private final DeadCounts deadCounts = new DeadCounts();

    Overview(Broker broker, Queues queues, RateHistory rates, Clock clock) {
        this.broker = broker;
        this.queues = queues;
        this.rates = rates;
        this.clock = clock;
        this.cached = new Cached<>(1000, clock, this::read);
    }

    ObjectNode get() {
        return cached.get();
    }

    private ObjectNode read() {
        Instant now = clock.instant();
        List<RunnerPresence> runners = broker.runners().live();
        queues.seeRunners(runners);
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("at", now.toEpochMilli());
        ArrayNode queueNodes = root.putArray("queues");
        ArrayNode running = root.putArray("running");
        long outstanding = 0;
        Set<String> names = queues.names();
        for (String name : names) {
            TaskQueue queue = broker.queue(name);
            QueueBacklog b = broker.backlog(name);
            long jobCount = queue.jobCount();
            DeadCounts.Count dead = deadCounts.of(broker, queue, jobCount, now.toEpochMilli());
            outstanding += b.outstanding();
            queueNodes.addObject().put("queue", name).put("ready", b.ready()).put("delayed", b.delayed())
                    .put("inFlight", b.inFlight()).put("dead", dead.dead()).put("deadAt", dead.at())
                    .put("outstanding", b.outstanding()).put("malformed", b.malformed()).put("parked", b.parked())
                    .put("jobs", jobCount);
            for (JobStatus job : queue.activeJobs(ACTIVE_JOBS)) {
                running.add(JobJson.summary(job, now));
            }
        }
        root.put("outstanding", outstanding);
        root.put("runners", runners.size());
        root.put("threads", runners.stream().mapToInt(RunnerPresence::threads).sum());
        root.put("tasksRunning", runners.stream().mapToInt(RunnerPresence::inFlight).sum());
        root.set("rates", rates.rates());
        return root;
    }
}
