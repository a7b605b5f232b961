package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.cli.Version;
import java.time.Instant;
import java.util.List;

/** Records the runner's presence at each heartbeat; it expires after three missed heartbeats. */
final class PresenceBeacon {

    private final Broker broker;
    private final RunnerConfig config;
    private final Holdings holdings;
    private final OutageLog outage;
    private final Instant startedAt = Instant.now();
    private final List<String> kinds;

    /** @param kinds the kinds this runner runs, as "name@version" */
    PresenceBeacon(Broker broker, RunnerConfig config, Holdings holdings, OutageLog outage, List<String> kinds) {
        this.kinds = List.copyOf(kinds);
        this.broker = broker;
        this.config = config;
        this.holdings = holdings;
        this.outage = outage;
    }

    boolean beat() {
        try {
            broker.runners().heartbeat(new RunnerPresence(config.name(), Host.name(), ProcessHandle.current().pid(),
                    config.queues(), kinds, config.threads(), holdings.size(), Version.current(), startedAt, null),
                    config.heartbeat().multipliedBy(3));
            outage.readSucceededOnSome();
            return true;
        } catch (BrokerUnavailableException e) {
            outage.failed(e);
            return false;
        }
    }

    void leave() {
        try {
            broker.runners().remove(config.name());
        } catch (RuntimeException e) {
            // it expires by itself
        }
    }
}
