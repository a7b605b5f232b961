package dev.scatter.runner;

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
 * @param taskTimeout     the longest a task may run: then it is stopped and its attempt fails
 */
public record RunnerConfig(String name, List<String> queues, int threads, Duration lease, Duration drainDeadline,
                           Duration recoverInterval, Duration heartbeat, Duration taskTimeout) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Renewed every third of it, a shorter lease would be renewed faster than a round trip can be relied on. */
    public static final Duration MIN_LEASE = Duration.ofMillis(300);
    /** Leases are renewed while a task runs; a longer one only delays the recovery of a dead runner's tasks. */
    public static final Duration MAX_LEASE = Duration.ofHours(1);
    /** Under Kubernetes' default 30 s grace period, leaving time to hand back and exit. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);
    public static final Duration MAX_DRAIN = Duration.ofHours(1);
    /**
     * Tasks one runner runs at once. Each thread holds a task and a share of the connection pool; beyond this,
     * start more runners (tens of thousands of threads made a runner that never finished its job).
     */
    public static final int MAX_THREADS = 256;
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofHours(1);

    public RunnerConfig {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a runner serves at least one queue");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("the lease must be from " + MIN_LEASE.toMillis() + " ms to "
                    + MAX_LEASE.toMinutes() + " min, not " + lease.toMillis() + " ms");
        }
        if (drainDeadline.isNegative() || drainDeadline.compareTo(MAX_DRAIN) > 0) {
            throw new IllegalArgumentException("the drain deadline must be from 0 to " + MAX_DRAIN.toMinutes()
                    + " min, not " + drainDeadline.toMillis() + " ms");
        }
    }

    public static RunnerConfig defaults(String name, List<String> queues, int threads) {
        return new RunnerConfig(name, queues, threads, DEFAULT_LEASE, DEFAULT_DRAIN, Duration.ofSeconds(1),
                Duration.ofSeconds(5), DEFAULT_TASK_TIMEOUT);
    }

    public RunnerConfig withLease(Duration lease) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, taskTimeout);
    }

    public RunnerConfig withDrainDeadline(Duration drainDeadline) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, taskTimeout);
    }

    public RunnerConfig withTaskTimeout(Duration taskTimeout) {
        return new RunnerConfig(name, queues, threads, lease, drainDeadline, recoverInterval, heartbeat, taskTimeout);
    }
}
