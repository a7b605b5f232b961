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
 * Renews the leases of every held task every third of a lease period, so a task can run for hours while its
 * runner lives. A lease Redis no longer knows (it expired and another runner took the task, or the job was
 * cancelled) stops its task.
 */
final class LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Broker broker;
    private final RunnerConfig config;
    private final Holdings holdings;
    private final OutageLog outage;
    private final RunnerMetrics metrics;

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

    /** One renewal pass; returns false when Redis could not be reached (the caller retries sooner). */
    boolean renewAll() {
        Map<String, List<ClaimedTask>> byQueue = new LinkedHashMap<>();
        for (ClaimedTask task : holdings.tasks()) {
            byQueue.computeIfAbsent(task.job().queue(), q -> new ArrayList<>()).add(task);
        }
        try {
            for (Map.Entry<String, List<ClaimedTask>> e : byQueue.entrySet()) {
                Set<String> lost = broker.queue(e.getKey()).renew(e.getValue(), config.lease());
                metrics.renewed(e.getValue().size() - lost.size());
                for (String leaseId : lost) {
                    Work work = holdings.get(leaseId);
                    if (work != null) {
                        LOG.info("task {} stopped: its lease is gone (job cancelled or ended, or the lease expired)",
                                work.task.describe());
                        work.stop.set("lease lost");
                        if (!work.isRunning()) {
                            holdings.remove(work);
                        }
                    }
                }
            }
            outage.succeeded();
            return true;
        } catch (BrokerUnavailableException e) {
            outage.failed(e);
            return false;
        }
    }
}
