package dev.scatter.broker;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits and tunables of a {@link Broker}. The defaults suit most users; every one is documented in
 * docs/protocol.md.
 *
 * @param maxPayloadBytes   largest job parameters (JSON) accepted at submit
 * @param maxResultBytes    largest task result (JSON) recorded; a larger one quarantines the task
 * @param maxJobResultBytes largest total of one job's results; a result that would pass it quarantines its task
 * @param maxTasksPerJob    largest task count of one job: the bound on the partial results a reduce reads
 * @param maxBlobBytes      largest shared data (a dataset) stored in Redis for a job's tasks
 * @param malformedCap      entries kept in a queue's malformed list
 * @param retryPolicy       back-off between attempts of a failing task
 * @param poolSize          connections in the pool
 * @param connectTimeout    time to open a connection
 * @param socketTimeout     time to wait for a reply
 * @param clock             the time new job ids are made from (ids sort by it); the protocol keeps time by Redis's
 *                          clock, never this one
 * @param minReplicas       replicas that must have each settle, submit and cancel (Redis WAIT) before it counts as
 *                          done; 0 (the default) acknowledges once the master has it
 */
public record BrokerOptions(
        int maxPayloadBytes,
        int maxResultBytes,
        long maxJobResultBytes,
        int maxTasksPerJob,
        int maxBlobBytes,
        int malformedCap,
        RetryPolicy retryPolicy,
        int poolSize,
        Duration connectTimeout,
        Duration socketTimeout,
        Clock clock,
        int minReplicas) {

    public BrokerOptions(int maxPayloadBytes, int maxResultBytes, long maxJobResultBytes, int maxTasksPerJob,
                         int maxBlobBytes, int malformedCap, RetryPolicy retryPolicy, int poolSize,
                         Duration connectTimeout, Duration socketTimeout, Clock clock) {
        this(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, 0);
    }

    public static final BrokerOptions DEFAULTS = new BrokerOptions(
            1 << 20, 1 << 20, 512L << 20, 1_000_000, 64 << 20, 10_000, RetryPolicy.DEFAULT, 16,
            Duration.ofSeconds(5), Duration.ofSeconds(10), Clock.systemUTC());

    public BrokerOptions withClock(Clock clock) {
        return new BrokerOptions(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, minReplicas);
    }

    public BrokerOptions withLimits(int maxPayloadBytes, int maxResultBytes, int maxTasksPerJob) {
        return new BrokerOptions(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, minReplicas);
    }

    public BrokerOptions withRetryPolicy(RetryPolicy retryPolicy) {
        return new BrokerOptions(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, minReplicas);
    }

    public BrokerOptions withPool(int poolSize, Duration connectTimeout, Duration socketTimeout) {
        return new BrokerOptions(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, minReplicas);
    }

    /** Each settle, submit and cancel waits until this many replicas have it (0: none). */
    public BrokerOptions withMinReplicas(int minReplicas) {
        if (minReplicas < 0) {
            throw new IllegalArgumentException("min replicas must be 0 or more, not " + minReplicas);
        }
        return new BrokerOptions(maxPayloadBytes, maxResultBytes, maxJobResultBytes, maxTasksPerJob, maxBlobBytes, malformedCap, retryPolicy,
                poolSize, connectTimeout, socketTimeout, clock, minReplicas);
    }
}
