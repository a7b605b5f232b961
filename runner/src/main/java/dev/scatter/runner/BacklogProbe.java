package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.QueueBacklog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the backlog of the runner's queues every few seconds, for /metrics and /backlog: scrapers and
 * autoscalers then read memory, and a hundred of them cost Redis nothing.
 */
final class BacklogProbe {

    private final Broker broker;
    private final RunnerConfig config;
    private final RunnerMetrics metrics;
    private final OutageLog outage;
    private volatile Map<String, QueueBacklog> latest = Map.of();

    BacklogProbe(Broker broker, RunnerConfig config, RunnerMetrics metrics, OutageLog outage) {
        this.broker = broker;
        this.config = config;
        this.metrics = metrics;
        this.outage = outage;
    }

    boolean probe() {
        try {
            Map<String, QueueBacklog> now = new LinkedHashMap<>();
            for (String queue : config.queues()) {
                QueueBacklog backlog = broker.backlog(queue);
                now.put(queue, backlog);
                metrics.backlog(backlog);
            }
            latest = now;
            outage.readSucceeded();
            return true;
        } catch (BrokerUnavailableException e) {
            outage.failed(e);
            return false;
        }
    }

    Map<String, QueueBacklog> latest() {
        return latest;
    }
}
