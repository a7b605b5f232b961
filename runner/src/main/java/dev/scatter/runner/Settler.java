package dev.scatter.runner;

import dev.scatter.broker.Backoff;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.ReturnCode;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskFailure;
import dev.scatter.broker.TaskRecords;
import dev.scatter.broker.TaskQueue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports outcomes to Redis from one thread, in batches: it takes what the workers have finished, settles it in
 * a script call per queue, and comes back for more, so the batch grows with the load and a lone task is reported
 * at once. A task stays held (its lease renewed) until Redis has acknowledged its outcome.
 *
 * <p>Whenever Redis cannot take a call (unreachable, loading, busy, out of memory, a replica, failing over) the
 * batch is kept and sent again with capped back-off, however long that lasts: a result computed is never dropped.
 * Only a reply about the entry itself ends it: counted, a duplicate, the lease or job gone. A reply the scripts
 * refuse outright (never expected) is isolated to its entry, which is logged and dropped, so one bad entry cannot
 * hold up the others; its lease then expires and the task is recovered with no attempt charged.
 */
final class Settler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Settler.class);

    private enum Kind { COMPLETE, FAIL, RELEASE }

    /** One finished attempt, or a task handed back. */
    private record Outcome(Work work, Kind kind, String text, boolean permanent, long millis) {
        String queue() {
            return work.task.job().queue();
        }
    }

    private final Broker broker;
    private final Holdings holdings;
    private final OutageLog outage;
    private final RunnerMetrics metrics;
    private final String runnerName;
    private final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile long giveUpAt;
    private volatile boolean idle = true;

    Settler(Broker broker, Holdings holdings, OutageLog outage, RunnerMetrics metrics) {
        this(broker, holdings, outage, metrics, null);
    }

    /** As above; {@code runnerName} goes into the task records this runner's attempts leave (TaskRecords). */
    Settler(Broker broker, Holdings holdings, OutageLog outage, RunnerMetrics metrics, String runnerName) {
        this.broker = broker;
        this.holdings = holdings;
        this.outage = outage;
        this.metrics = metrics;
        this.runnerName = runnerName;
    }

    /** Reports a result; false (and nothing sent) when the task's outcome was already reported. */
    boolean complete(Work work, String resultJson) {
        return offer(work, Kind.COMPLETE, resultJson, false);
    }

    boolean fail(Work work, String error, boolean permanent) {
        return offer(work, Kind.FAIL, error, permanent);
    }

    /** Hands a task back at once, with no attempt charged (shutdown, or a task the runner stopped itself). */
    boolean release(Work work) {
        return offer(work, Kind.RELEASE, null, false);
    }

    /** Forgets a task nobody needs any more; false when its outcome was already reported. */
    boolean drop(Work work) {
        if (!work.takeOutcome()) {
            return false;
        }
        holdings.remove(work);
        return true;
    }

    private boolean offer(Work work, Kind kind, String text, boolean permanent) {
        if (!work.takeOutcome()) {
            return false;
        }
        long started = work.startedAt;
        long millis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        pending.add(new Outcome(work, kind, text, permanent, millis));
        return true;
    }

    /** True once every outcome handed in has been acknowledged. */
    boolean isDrained() {
        return pending.isEmpty() && idle;
    }

    /** Finishes what is pending and returns; if Redis stays unavailable past the deadline, gives up. */
    void stop(long giveUpAtNanos) {
        giveUpAt = giveUpAtNanos;
        stopping = true;
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        List<Outcome> batch = new ArrayList<>();
        while (!(stopping && pending.isEmpty() && batch.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    Outcome first = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    idle = false;
                    batch.add(first);
                    pending.drainTo(batch, 4000);
                } else {
                    // A retry after a queue's server failed: outcomes of other queues, on other servers, go too.
                    pending.drainTo(batch, Math.max(0, 4000 - batch.size()));
                }
                try {
                    settleOrWait(batch);
                } catch (BrokerUnavailableException e) {
                    throw e;
                } catch (RuntimeException refused) {
                    LOG.error("Redis refused a batch of {} task outcomes ({}); reporting them one by one", batch.size(),
                            refused.getMessage());
                    isolate(batch);
                }
                outage.succeededOnSome();
                backoff.reset();
                batch.clear();
                idle = pending.isEmpty();
            } catch (BrokerUnavailableException e) {
                outage.failed(e);
                if (stopping && System.nanoTime() - giveUpAt > 0) {
                    LOG.warn("giving up on reporting {} task outcomes: Redis is unavailable at shutdown;"
                            + " their leases will expire and other runners will run them", batch.size() + pending.size());
                    return;
                }
                sleep(backoff.nextMillis());
            } catch (InterruptedException e) {
                // checked by the loop condition
            }
        }
    }

    /** Settles each outcome on its own; one refused alone is dropped with a log line. */
    private void isolate(List<Outcome> batch) {
        for (Iterator<Outcome> it = batch.iterator(); it.hasNext(); ) {
            Outcome o = it.next();
            try {
                settleOrWait(new ArrayList<>(List.of(o)));
            } catch (BrokerUnavailableException e) {
                throw e;
            } catch (RuntimeException refused) {
                LOG.error("dropping the outcome of task {}: Redis refused it ({}); its lease will expire and the task"
                        + " will run again", o.work().task.describe(), refused.getMessage());
                holdings.remove(o.work());
            }
            it.remove();
        }
    }

    /**
     * As {@link #settle}, with refused credentials taken as Redis being unavailable: they were good when the runner
     * started (rotated since?), and dropping results would not bring them back; the outcomes wait instead.
     */
    private void settleOrWait(List<Outcome> batch) {
        try {
            settle(batch);
        } catch (BrokerAuthException e) {
            throw new BrokerUnavailableException(BrokerUnavailableException.Condition.CREDENTIALS_REFUSED,
                    e.getMessage(), e);
        }
    }

    /** Settles the batch, removing from it each part Redis has acknowledged (so a retry sends only the rest). */
    private void settle(List<Outcome> batch) {
        Map<String, List<Outcome>> byQueue = new LinkedHashMap<>();
        for (Outcome o : batch) {
            byQueue.computeIfAbsent(o.queue(), q -> new ArrayList<>()).add(o);
        }
        // Queue by queue, each on its own: the queues may live on different servers (a Redis Cluster's nodes), and
        // one that cannot be reached must not hold back the others' outcomes.
        BrokerUnavailableException failure = null;
        for (Map.Entry<String, List<Outcome>> e : byQueue.entrySet()) {
            try {
                settle(broker.queue(e.getKey()), e.getValue(), batch);
            } catch (BrokerUnavailableException unavailable) {
                failure = unavailable;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void settle(TaskQueue queue, List<Outcome> outcomes, List<Outcome> batch) {
        List<Outcome> completions = new ArrayList<>();
        List<Outcome> failures = new ArrayList<>();
        List<Outcome> releases = new ArrayList<>();
        for (Outcome o : outcomes) {
            (o.kind() == Kind.COMPLETE ? completions : o.kind() == Kind.FAIL ? failures : releases).add(o);
        }
        // Completions first, so that a batch that completes and fails is settled in order.
        if (!completions.isEmpty()) {
            List<ReturnCode> codes = queue.complete(completions.stream()
                    .map(o -> new TaskCompletion(o.work().task, o.text(),
                            TaskRecords.info(runnerName, o.millis(), null))).toList());
            metrics.completed(codes);
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i) == ReturnCode.DEAD) {
                    LOG.warn("task {} quarantined: its result is over the size limit",
                            completions.get(i).work().task.describe());
                }
            }
            acknowledge(completions, batch);
            tellShardsEnded(completions, codes);
            dropShardResults(completions, codes);
        }
        if (!failures.isEmpty()) {
            List<ReturnCode> codes = queue.fail(failures.stream()
                    .map(o -> new TaskFailure(o.work().task, o.text(), o.permanent(),
                            TaskRecords.info(runnerName, o.millis(), o.text()))).toList());
            metrics.failed(codes);
            for (int i = 0; i < codes.size(); i++) {
                ClaimedTask task = failures.get(i).work().task;
                if (codes.get(i) == ReturnCode.DEAD) {
                    LOG.warn("task {} quarantined after attempt {}: {}", task.describe(), task.attempt(),
                            Texts.clip(failures.get(i).text()));
                } else if (codes.get(i) == ReturnCode.RETRY_SCHEDULED) {
                    LOG.info("task {} failed on attempt {} of {}, will retry: {}", task.describe(), task.attempt(),
                            task.maxAttempts(), Texts.clip(failures.get(i).text()));
                }
            }
            acknowledge(failures, batch);
            tellShardsEnded(failures, codes);
        }
        if (!releases.isEmpty()) {
            List<ReturnCode> codes = queue.release(releases.stream().map(o -> o.work().task).toList());
            long requeued = codes.stream().filter(c -> c == ReturnCode.REQUEUED).count();
            if (requeued > 0) {
                LOG.info("handed back {} tasks", requeued);
            }
            acknowledge(releases, batch);
        }
    }

    /**
     * Tells each sharded job whose shard these settlements may have ended (its last task counted, or a task of it
     * quarantined). Best effort: were this call lost, every runner's shard check tells the job within seconds.
     */
    private void tellShardsEnded(List<Outcome> settled, List<ReturnCode> codes) {
        for (int i = 0; i < codes.size(); i++) {
            ClaimedTask task = settled.get(i).work().task;
            if (codes.get(i) == ReturnCode.SHARD_ENDED || (codes.get(i) == ReturnCode.DEAD
                    && dev.scatter.broker.ShardQueues.isShard(task.job().queue()))) {
                try {
                    if (broker.shardEnded(task.job())) {
                        LOG.info("job {}: its last shard ended; its reduce is queued", task.userJob());
                    }
                } catch (RuntimeException e) {
                    // Never in the way of settling: Redis unavailable, or a shard record that does not read.
                    LOG.info("job {}: could not yet tell it that a shard ended ({}); its shard check will",
                            task.userJob(), e.getMessage());
                }
            }
        }
    }

    /**
     * After a reduce is counted (its job has succeeded): a sharded job's shards keep their partial results, which
     * only this side can remove. One read for any job; best effort, as the results expire with the job anyway.
     */
    private void dropShardResults(List<Outcome> settled, List<ReturnCode> codes) {
        for (int i = 0; i < codes.size(); i++) {
            ClaimedTask task = settled.get(i).work().task;
            if (task.isReduce() && codes.get(i) == ReturnCode.COUNTED) {
                try {
                    broker.dropShardResults(task.job());
                } catch (RuntimeException e) {
                    LOG.debug("job {}: shard results left to expire: {}", task.job(), e.getMessage());
                }
            }
        }
    }

    private void acknowledge(List<Outcome> settled, List<Outcome> batch) {
        for (Outcome o : settled) {
            holdings.remove(o.work());
        }
        batch.removeAll(settled);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            // The runner's only use of an interrupt here is to say it is stopping, which stop() has recorded.
        }
    }
}
