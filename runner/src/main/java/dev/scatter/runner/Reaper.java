package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.RecoveryReport;
import dev.scatter.broker.TaskQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every runner recovers for all: it moves due retries back to the ready list and takes back expired leases of
 * any runner, so there is no single reaper whose loss would leave work stuck. It waits while this runner's own
 * renewals are failing, so that it never takes back a lease its own runner is about to renew.
 */
final class Reaper {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final int LIMIT = 1000;

    private final Broker broker;
    private final ServedQueues queues;
    private final OutageLog outage;
    private final RunnerMetrics metrics;
    private final LeaseKeeper leases;

    Reaper(Broker broker, RunnerConfig config, OutageLog outage, RunnerMetrics metrics, LeaseKeeper leases) {
        this(broker, new ServedQueues(broker, config.queues()), outage, metrics, leases);
    }

    Reaper(Broker broker, ServedQueues queues, OutageLog outage, RunnerMetrics metrics, LeaseKeeper leases) {
        this.queues = queues;
        this.broker = broker;
        this.outage = outage;
        this.metrics = metrics;
        this.leases = leases;
    }

    /**
     * One pass over every queue served; returns false when Redis could not be reached for some. Queue by queue:
     * under Redis Cluster each lives on a node of its own, and a lost one must not stop recovery on the others.
     */
    boolean recoverAll() {
        BrokerUnavailableException failure = null;
        boolean skipped = false;
        for (String name : queues.all()) {
            if (!leases.isCurrent(name)) {
                // This runner's own leases first: after an outage, renew them before judging anyone's expired.
                // Queue by queue, as each queue keeps its own clock.
                skipped = true;
                continue;
            }
            try {
                recover(broker.queue(name));
            } catch (BrokerUnavailableException e) {
                failure = e;
            }
        }
        if (failure != null) {
            outage.failed(failure);
            return false;
        }
        if (!skipped) {
            outage.succeeded();
        }
        return !skipped;
    }

    private void recover(TaskQueue queue) {
        RecoveryReport report;
        do {
            report = queue.recover(LIMIT);
            metrics.recovered(report.requeued() + report.quarantined());
            if (report.requeued() + report.quarantined() > 0) {
                LOG.info("queue {}: recovered {} expired leases of lost runners ({} quarantined: they had lost"
                                + " their runner too often)",
                        queue.name(), report.requeued() + report.quarantined(), report.quarantined());
            }
        } while (report.promoted() + report.requeued() + report.quarantined() + report.dropped() >= LIMIT);
    }
}
