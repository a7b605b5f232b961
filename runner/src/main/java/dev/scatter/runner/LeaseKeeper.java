package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ClaimedTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of every held task every third of a lease period, so a task can run for hours while its
 * runner lives; tasks whose outcome waits to be reported are renewed too, until Redis has it. While renewals fail
 * it tries again every sixth of a lease, and at once when Redis is heard from again, so that after an outage its
 * leases are renewed before anyone could take them (the queue's clock stood still meanwhile). A lease Redis no
 * longer knows (it expired and another runner took the task, or the job was cancelled or ended) stops its task.
 */
final class LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Broker broker;
    private final RunnerConfig config;
    private final Holdings holdings;
    private final OutageLog outage;
    private final RunnerMetrics metrics;
    /** Queues whose last renewal failed while this runner held tasks of them. */
    private final java.util.Set<String> behind = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LeaseKeeper(Broker broker, RunnerConfig config, Holdings holdings, OutageLog outage, RunnerMetrics metrics) {
        this.broker = broker;
        this.config = config;
        this.holdings = holdings;
        this.outage = outage;
        this.metrics = metrics;
    }

    long intervalMillis() {
        return Math.max(100, config.lease().toMillis() / 3);
    }

    /** How soon to try again after a renewal failed. */
    long retryMillis() {
        return Math.max(50, config.lease().toMillis() / 6);
    }

    /**
     * False from a failed renewal of the queue's leases until the next one succeeds: this runner's leases there may
     * be behind. Whether this runner's leases on one queue are up to date: under Redis Cluster the queues live on different
     * nodes, and one node lost must not keep recovery from the queues on the others.
     */
    boolean isCurrent(String queue) {
        return !behind.contains(queue);
    }

    /** One renewal pass; returns false when Redis could not take it (the caller retries sooner). */
    boolean renewAll() {
        Map<String, List<Work>> byQueue = new LinkedHashMap<>();
        for (Work work : holdings.all()) {
            byQueue.computeIfAbsent(work.task.job().queue(), q -> new ArrayList<>()).add(work);
        }
        // A queue of which nothing is held any more has no lease of this runner's to be behind on.
        behind.retainAll(byQueue.keySet());
        if (byQueue.isEmpty()) {
            // No call was made: this says nothing about Redis, so the outage log is left alone.
            return true;
        }
        // Queue by queue: the queues may live on different servers (a Redis Cluster's nodes), and one that cannot
        // be reached must not keep the others' leases from being renewed.
        BrokerUnavailableException failure = null;
        for (Map.Entry<String, List<Work>> e : byQueue.entrySet()) {
            try {
                renew(e.getKey(), e.getValue());
                behind.remove(e.getKey());
            } catch (BrokerUnavailableException unavailable) {
                behind.add(e.getKey());
                failure = unavailable;
            }
        }
        if (failure != null) {
            outage.failed(failure);
            return false;
        }
        outage.succeededOnSome();
        return true;
    }

    private void renew(String queue, List<Work> works) {
        long sentAt = System.nanoTime();
        Set<String> lost = broker.queue(queue).renew(tasks(works), config.lease());
        metrics.renewed(works.size() - lost.size());
        for (Work work : works) {
            if (!lost.contains(work.task.leaseId())) {
                work.renewedAt = sentAt;
            } else if (!work.isFinished()) {
                // A finished task's lease goes when its outcome is settled: nothing to say about that.
                LOG.info("task {} stopped: its lease is gone (job cancelled or ended, the task done elsewhere,"
                        + " or the lease expired)", work.task.describe());
                work.stopAndDrop("lease lost");
                if (!work.isRunning()) {
                    holdings.remove(work);
                }
            }
        }
    }

    private static List<ClaimedTask> tasks(List<Work> works) {
        List<ClaimedTask> tasks = new ArrayList<>(works.size());
        for (Work work : works) {
            tasks.add(work.task);
        }
        return tasks;
    }
}
