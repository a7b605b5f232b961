package dev.scatter.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskFailure;
import dev.scatter.task.InvalidParametersException;
import dev.scatter.task.ReduceContext;
import dev.scatter.task.RunnerSettings;
import dev.scatter.task.TaskContext;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one held task on a worker thread: finds its kind, runs the task (or the job's reduce) and hands the
 * outcome to the {@link Settler}. Only kinds registered on this runner run; a task of another kind is
 * quarantined with that reason, as are tasks whose parameters the kind rejects.
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
    private final RunnerSettings settings;
    private final BlobCache blobs;
    private final RunnerMetrics metrics;
    /** Parsed job parameters, by job: every task of a job would otherwise parse the same JSON again. */
    private final Map<String, JsonNode> params = new ConcurrentHashMap<>();

    TaskRunner(Broker broker, TaskKinds kinds, Settler settler, Holdings holdings, TaskDurations durations,
               String runnerName, RunnerSettings settings, RunnerMetrics metrics) {
        this.broker = broker;
        this.kinds = kinds;
        this.settler = settler;
        this.holdings = holdings;
        this.durations = durations;
        this.runnerName = runnerName;
        this.settings = settings;
        this.blobs = new BlobCache(broker);
        this.metrics = metrics;
    }

    void run(Work work) {
        if (work.stop.isSet()) {
            holdings.remove(work);
            return;
        }
        work.thread = Thread.currentThread();
        long start = System.nanoTime();
        ClaimedTask task = work.task;
        try {
            TaskKind kind = kinds.find(task.kind()).orElse(null);
            if (kind == null) {
                settler.fail(TaskFailure.permanent(task, "unknown task kind '" + task.kind()
                        + "': this runner runs " + String.join(", ", kinds.names())));
                return;
            }
            JsonNode result = task.isReduce() ? reduce(kind, task) : kind.run(new TaskContext(task.job().toString(),
                    task.index(), task.totalTasks(), task.attempt(), params(task), runnerName, work.stop,
                    blobs.forQueue(task.job().queue()), settings));
            if (!work.stop.isSet()) {
                settler.complete(new TaskCompletion(task, JSON.writeValueAsString(result)));
            }
        } catch (InvalidParametersException e) {
            settler.fail(TaskFailure.permanent(task, e.getMessage()));
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // A task told to stop (lease lost, job cancelled, shutdown) is not a failure: someone else has it,
            // nobody wants it, or it is being handed back.
            if (!work.stop.isSet()) {
                settler.fail(TaskFailure.retryable(task, describe(e)));
            }
        } finally {
            long took = System.nanoTime() - start;
            durations.record(took);
            metrics.ran(took);
            work.thread = null;
            holdings.remove(work);
            if (Thread.interrupted()) {
                LOG.debug("task {} ended after an interrupt", task.describe());
            }
        }
    }

    private JsonNode params(ClaimedTask task) throws IOException {
        JsonNode parsed = params.get(task.job().id());
        if (parsed == null) {
            parsed = JSON.readTree(task.paramsJson() == null ? "{}" : task.paramsJson());
            if (params.size() > 1000) {
                params.clear();
            }
            params.put(task.job().id(), parsed);
        }
        return parsed;
    }

    private JsonNode reduce(TaskKind kind, ClaimedTask task) throws Exception {
        Map<Integer, String> raw;
        JobStatus status;
        try {
            raw = broker.partialResults(task.job(), task.totalTasks());
            status = broker.status(task.job()).orElseThrow(() -> new IllegalStateException("job vanished"));
        } catch (BrokerUnavailableException e) {
            throw new IllegalStateException("cannot read the partial results: " + e.getMessage(), e);
        }
        if (raw.size() != task.totalTasks()) {
            throw new IllegalStateException("found " + raw.size() + " partial results of " + task.totalTasks());
        }
        SortedMap<Integer, JsonNode> partials = new TreeMap<>();
        for (Map.Entry<Integer, String> e : raw.entrySet()) {
            partials.put(e.getKey(), JSON.readTree(e.getValue()));
        }
        LOG.info("reducing job {} ({} partial results)", task.job(), partials.size());
        return kind.reduce(new ReduceContext(task.job().toString(), task.totalTasks(), params(task), partials,
                status.createdAt(), status.startedAt()));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getName() + (message == null ? "" : ": " + message);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
