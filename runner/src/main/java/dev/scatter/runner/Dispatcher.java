package dev.scatter.runner;

import dev.scatter.broker.Backoff;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.TaskQueue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims tasks of the kinds this runner runs while it has room, and hands them to the worker threads (claim-7
 * sets aside tasks of other kinds for runners that run them). A suspect (a task whose runner was lost while
 * running it) runs alone: when some wait, the dispatcher lets what it holds finish, claims with empty hands, and
 * claims nothing more while the suspect runs. When the queues are empty it
 * waits for a wake-up (published on every submit) or, failing that, a second, so an idle runner makes one small
 * call a second and still starts new work within milliseconds.
 *
 * <p>Queues may live on different Redis servers (the slots of a Redis Cluster): a queue whose server is
 * unavailable is set aside with a back-off of its own while the others are served, so one lost node does not
 * stall the rest; only when every queue fails is the whole round an outage.
 */
final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long IDLE_POLL_MILLIS = 1000;
    private static final long SOLO_RETRY_NANOS = 10_000_000_000L;

    private final Broker broker;
    private final RunnerConfig config;
    private final ServedQueues queues;
    private final Holdings holdings;
    private final TaskDurations durations;
    private final ExecutorService workers;
    private final TaskRunner taskRunner;
    private final WakeSignal wake;
    private final OutageLog outage;
    private final RunnerMetrics metrics;
    private final List<String> runnable;
    private volatile boolean quiet;
    /** Whether the last claims saw suspects waiting. */
    private boolean suspectsSeen;
    /** When a claim with empty hands last found suspects waiting but none this runner runs. */
    private long soloFoundNoneAt = System.nanoTime() - SOLO_RETRY_NANOS;
    private int nextQueue;
    /** Queues whose server failed the last claim: their own back-off, and when to try them again (nanoTime). */
    private final Map<String, Backoff> queueBackoffs = new HashMap<>();
    private final Map<String, Long> queueRetryAt = new HashMap<>();
    /** The last failure of a queue still set aside; null while none is. */
    private BrokerUnavailableException queueFailure;

    Dispatcher(Broker broker, RunnerConfig config, Holdings holdings, TaskDurations durations,
               ExecutorService workers, TaskRunner taskRunner, WakeSignal wake, OutageLog outage,
               RunnerMetrics metrics, List<String> runnable) {
        this(broker, config, new ServedQueues(broker, config.queues()), holdings, durations, workers, taskRunner, wake,
                outage, metrics, runnable);
    }

    Dispatcher(Broker broker, RunnerConfig config, ServedQueues queues, Holdings holdings, TaskDurations durations,
               ExecutorService workers, TaskRunner taskRunner, WakeSignal wake, OutageLog outage,
               RunnerMetrics metrics, List<String> runnable) {
        this.queues = queues;
        this.runnable = List.copyOf(runnable);
        this.broker = broker;
        this.config = config;
        this.holdings = holdings;
        this.durations = durations;
        this.workers = workers;
        this.taskRunner = taskRunner;
        this.wake = wake;
        this.outage = outage;
        this.metrics = metrics;
    }

    /** Stops claiming (the first phase of shutdown). */
    void quiet() {
        quiet = true;
        wake.signal();
        holdings.signal();
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        while (!quiet) {
            try {
                int capacity = config.threads() + durations.prefetch(config.threads());
                int held = holdings.size();
                int stuck = stuckOutcomes();
                if (held - stuck > 0 && (holdings.holdsSuspect() || suspectsWaiting())) {
                    // A suspect runs alone: let what is held finish, then claim with empty hands. Outcomes stuck on a
                    // queue set aside (its node lost) run nothing and wait for that node: they do not fill the hands.
                    holdings.awaitBelow(stuck + 1, 500);
                    continue;
                }
                // Outcomes waiting to be settled hold no thread: up to a capacity's worth of them leave room, so that
                // outcomes stuck on one lost node (of a Redis Cluster) do not stop claims from the queues on others.
                int room = capacity - held + Math.min(capacity, holdings.finished());
                if (room <= 0) {
                    holdings.awaitBelow(capacity, 500);
                    continue;
                }
                if (claimRound(room) == 0 && !quiet) {
                    wake.await(IDLE_POLL_MILLIS);
                }
                if (queueFailure != null) {
                    outage.failed(queueFailure);
                } else {
                    outage.succeeded();
                }
                backoff.reset();
            } catch (BrokerUnavailableException e) {
                outage.failed(e);
                pause(backoff.nextMillis());
            } catch (InterruptedException e) {
                if (!quiet) {
                    LOG.debug("dispatcher interrupted while running");
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("claiming failed: {}", e.toString());
                pause(backoff.nextMillis());
            }
        }
    }

    /**
     * Whether to empty its hands to take a suspect: some wait, and the last time it held nothing it was given one
     * (or has not tried for a while: suspects of kinds it does not run would otherwise stall it for nothing).
     */
    private boolean suspectsWaiting() {
        return suspectsSeen && System.nanoTime() - soloFoundNoneAt > SOLO_RETRY_NANOS;
    }

    /** One pass over the queues, starting after the one served first last time, so none is starved. */
    private int claimRound(int room) {
        int claimed = 0;
        boolean solo = holdings.size() - stuckOutcomes() == 0;
        boolean sawSuspects = false;
        List<String> queues = this.queues.all();
        int served = 0;
        for (int i = 0; i < queues.size() && room > 0 && !quiet; i++) {
            TaskQueue queue = broker.queue(queues.get((nextQueue + i) % queues.size()));
            long sentAt = System.nanoTime();
            Long retryAt = queueRetryAt.get(queue.name());
            if (retryAt != null && retryAt - sentAt > 0) {
                continue;
            }
            TaskQueue.ClaimBatch batch;
            try {
                batch = queue.claim(Math.min(room, TaskQueue.MAX_BATCH), config.lease(), runnable, solo && claimed == 0);
            } catch (BrokerUnavailableException e) {
                if (queues.size() == 1) {
                    throw e;
                }
                long pause = queueBackoffs.computeIfAbsent(queue.name(), n -> new Backoff()).nextMillis();
                queueRetryAt.put(queue.name(), System.nanoTime() + pause * 1_000_000);
                queueFailure = e;
                continue;
            }
            served++;
            queueBackoffs.remove(queue.name());
            queueRetryAt.remove(queue.name());
            List<ClaimedTask> tasks = batch.tasks();
            sawSuspects |= batch.suspects() > 0;
            if (solo && claimed == 0 && batch.suspects() > 0 && tasks.stream().noneMatch(ClaimedTask::isSuspect)) {
                soloFoundNoneAt = System.nanoTime();
            }
            for (ClaimedTask task : tasks) {
                Work work = holdings.add(task, sentAt);
                workers.execute(() -> taskRunner.run(work));
            }
            if (batch.quarantined() > 0) {
                LOG.warn("queue {}: quarantined {} ready entries that are not of the protocol's form (submit dead --queue"
                        + " {} lists them with the reason)", queue.name(), batch.quarantined(), queue.name());
            }
            if (batch.parked() > 0) {
                LOG.info("queue {}: set aside {} ready entries of kinds this runner does not run (it runs {}); they wait"
                        + " for a runner that does", queue.name(), batch.parked(), String.join(", ", runnable));
            }
            claimed += tasks.size();
            metrics.claimed(tasks.size());
            room -= tasks.size();
            if (tasks.stream().anyMatch(ClaimedTask::isSuspect)) {
                break;
            }
        }
        suspectsSeen = sawSuspects;
        nextQueue = (nextQueue + 1) % queues.size();
        if (queueRetryAt.isEmpty()) {
            queueFailure = null;
        } else if (served == 0 && queueRetryAt.size() == queues.size()) {
            // Every queue is set aside: an outage of all the runner's Redis, backed off as one.
            throw queueFailure;
        }
        return claimed;
    }

    /** Outcomes waiting to be settled on queues set aside: they cannot be until their node is back. */
    private int stuckOutcomes() {
        return queueRetryAt.isEmpty() ? 0 : holdings.finishedOn(queueRetryAt.keySet());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
