package dev.scatter.runner;

import dev.scatter.task.RunnerSettings;
import java.time.Duration;
import java.util.List;

/**
 * How a runner runs.
 *
 * @param name            its id in presence listings and task results (unique per process)
 * @param queues          the queues it serves, in order of preference
 * @param threads         tasks it runs at once
 * @param lease           how long a claim holds a task without renewal; renewed every third of it
 * @param drainDeadline   on shutdown, how long running tasks may take to finish before they are handed back
 * @param recoverInterval how often it recovers expired leases and due retries (of any runner)
 * @param heartbeat       how often it records its presence
 * @param settings        what its operator allows task kinds to do (external commands) and where
 */
public record RunnerConfig(String name, List<String> queues, int threads, Duration lease, Duration drainDeadline,
                           Duration recoverInterval, Duration heartbeat, RunnerSettings settings) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Under Kubernetes' default 30 s grace period, leaving time to hand back and exit. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);

    public RunnerConfig {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a runner serves at least one queue");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("the lease must be at least 300 ms, not " + lease);
        }
    }

    public static RunnerConfig defaults(String name, List<String> queues, int threads) {
        return new RunnerConfig(name, queues, threads, DEFAULT_LEASE, DEFAULT_DRAIN, Duration.ofSeconds(1),
                Duration.ofSeconds(5), RunnerSettings.defaults());
    }

    public RunnerConfig withLease(Duration lease) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, settings);
    }

    public RunnerConfig withDrainDeadline(Duration drainDeadline) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, settings);
    }

    public RunnerConfig withSettings(RunnerSettings settings) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, settings);
    }
}
