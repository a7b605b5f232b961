package dev.scatter.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.JobStatus;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one held task on a worker thread: finds its kind, checks the job's parameters with it, runs the task (or
 * the job's reduce) and hands the outcome to the {@link Settler}. Only kinds registered on this runner run (claim-7
 * leases no other); tasks whose parameters the kind rejects are quarantined with the reason. A task stopped
 * before it finished is handed back or dropped, as its stop says.
 */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Broker broker;
    private final TaskKinds kinds;
    private final Settler settler;
    private final Holdings holdings;
    private final TaskDurations durations;
    private final String runnerName;
    private final Duration taskTimeout;
    private final BlobCache blobs;
    private final RunnerMetrics metrics;
    /** Parsed job parameters, by job: every task of a job would otherwise parse the same JSON again. */
    private final Map<String, JsonNode> params = new ConcurrentHashMap<>();
    /** Each job's parameters as its kind judged them: empty when valid, else why not. */
    private final Map<String, Optional<String>> checked = new ConcurrentHashMap<>();

    TaskRunner(Broker broker, TaskKinds kinds, Settler settler, Holdings holdings, TaskDurations durations,
               String runnerName, Duration taskTimeout, RunnerMetrics metrics) {
        this.broker = broker;
        this.kinds = kinds;
        this.settler = settler;
        this.holdings = holdings;
        this.durations = durations;
        this.runnerName = runnerName;
        this.taskTimeout = taskTimeout;
        this.blobs = new BlobCache(broker);
        this.metrics = metrics;
    }

    /**
     * The job parameter that holds results reused from earlier jobs, by task index (submit --reuse): such a task is
     * completed with it, without running.
     */
    static final String REUSED = "reused";

    void run(Work work) {
        if (!work.take()) {
            return;
        }
        if (work.stop.isSet()) {
            settleStopped(work);
            return;
        }
        work.startedAt = System.nanoTime();
        work.thread = Thread.currentThread();
        long start = System.nanoTime();
        ClaimedTask task = work.task;
        try {
            TaskKind kind = kinds.find(task.kind()).orElse(null);
            if (kind == null) {
                // claim-7 leases only kinds this runner runs; a kind missing here means the runner's list was wrong.
                settler.fail(work, "unknown task kind '" + Texts.clip(task.kind()) + "': this runner runs "
                        + String.join(", ", kinds.names()), true);
                return;
            }
            JsonNode params = params(task);
            String invalid = invalidParams(kind, task, params);
            if (invalid != null) {
                settler.fail(work, invalid, true);
                return;
            }
            JsonNode reused = task.isReduce() ? null : params.path(REUSED).get(Integer.toString(task.jobIndex()));
            if (reused != null) {
                // The submitter found this task's result in an earlier job (submit --reuse): it is the result.
                settler.complete(work, JSON.writeValueAsString(reused));
                return;
            }
            // A shard's task runs as the whole job's task it is: its index and count are the job's, not the shard's.
            JsonNode result = task.isReduce() ? reduce(kind, task, params) : kind.run(new TaskContext(
                    task.userJob().toString(), task.jobIndex(), task.jobTotal(), task.attempt(), params, runnerName,
                    work.stop, blobs.forQueue(task.userJob().queue()), taskTimeout));
            // A result is a result even if the task was told to stop meanwhile: it counts once, whoever has the lease.
            settler.complete(work, JSON.writeValueAsString(result));
        } catch (InvalidParametersException e) {
            settler.fail(work, e.getMessage(), true);
        } catch (BrokerUnavailableException e) {
            // Redis could not give what the task reads (a reduce's partial results, shared data): not the task's
            // fault. It is handed back, with no attempt charged, to run again once Redis answers.
            LOG.info("task {} handed back: {}", task.describe(), e.getMessage());
            settler.release(work);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // A task told to stop (lease lost, job cancelled, shutdown, fence) is not a failure: someone else has
            // it, nobody wants it, or it is being handed back.
            if (!work.stop.isSet()) {
                settler.fail(work, describe(e), false);
            }
        } finally {
            long took = System.nanoTime() - start;
            durations.record(took);
            metrics.ran(took);
            work.thread = null;
            if (!work.isFinished()) {
                settleStopped(work);
            }
            if (Thread.interrupted()) {
                LOG.debug("task {} ended after an interrupt", task.describe());
            }
        }
    }

    /** A task stopped before it finished: handed back (shutdown, fence), failed (too long), or dropped. */
    private void settleStopped(Work work) {
        switch (work.whenStopped) {
            case HAND_BACK -> settler.release(work);
            case FAIL -> settler.fail(work, work.stop.reason(), false);
            case DROP -> settler.drop(work);
        }
    }

    /**
     * The kind's own check of the job's parameters, made once per job on this runner: a record changed in Redis
     * after it was submitted fails its tasks with the reason, permanently, rather than running them.
     */
    private String invalidParams(TaskKind kind, ClaimedTask task, JsonNode params) {
        return checked.computeIfAbsent(task.job().toString(), job -> {
            if (checked.size() > 1000) {
                checked.clear();
            }
            if (!params.isObject()) {
                return Optional.of("the job's parameters are not a JSON object");
            }
            try {
                kind.prepare(((ObjectNode) params).deepCopy(), task.jobTotal());
                return Optional.<String>empty();
            } catch (InvalidParametersException e) {
                return Optional.of("invalid parameters: " + e.getMessage());
            } catch (RuntimeException e) {
                return Optional.of("invalid parameters: " + describe(e));
            }
        }).orElse(null);
    }

    /** The job's parameters, parsed once per job; unreadable ones fail the task permanently. */
    private JsonNode params(ClaimedTask task) throws InvalidParametersException {
        JsonNode parsed = params.get(task.job().toString());
        if (parsed == null) {
            if (task.paramsJson() == null) {
                throw new InvalidParametersException("the job's record has no parameters");
            }
            try {
                parsed = JSON.readTree(task.paramsJson());
            } catch (IOException e) {
                throw new InvalidParametersException("the job's parameters are not valid JSON");
            }
            if (params.size() > 1000) {
                params.clear();
            }
            params.put(task.job().toString(), parsed);
        }
        return parsed;
    }

    private JsonNode reduce(TaskKind kind, ClaimedTask task, JsonNode params) throws Exception {
        // An outage here hands the reduce back (see run): it reads, and Redis not answering is not its fault.
        Map<Integer, String> raw = broker.partialResults(task.job(), task.totalTasks());
        JobStatus status = broker.status(task.job()).orElseThrow(() -> new IllegalStateException("job vanished"));
        if (raw.size() != task.totalTasks()) {
            throw new IllegalStateException("found " + raw.size() + " partial results of " + task.totalTasks());
        }
        SortedMap<Integer, JsonNode> partials = new TreeMap<>();
        for (Map.Entry<Integer, String> e : raw.entrySet()) {
            partials.put(e.getKey(), JSON.readTree(e.getValue()));
        }
        LOG.info("reducing job {} ({} partial results)", task.job(), partials.size());
        return kind.reduce(new ReduceContext(task.job().toString(), task.totalTasks(), params, partials,
                status.createdAt(), status.startedAt()));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getName() + (message == null ? "" : ": " + message);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
