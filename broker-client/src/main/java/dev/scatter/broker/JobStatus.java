package dev.scatter.broker;

import java.time.Instant;

/**
 * A job as read from Redis: what it is, where it stands, and its result once it has one.
 *
 * @param succeeded tasks whose result is recorded (each counted once)
 * @param failed    tasks quarantined in the dead set
 * @param retries   failed attempts that were scheduled again
 * @param recovered leases that expired and were recovered
 * @param result    the reduced result (JSON), once the job succeeded
 * @param error     why the job failed, once it failed
 */
public record JobStatus(
        JobId id,
        String kind,
        String paramsJson,
        JobState state,
        int total,
        int succeeded,
        int failed,
        int maxAttempts,
        long retries,
        long recovered,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String result,
        String error) {

    /** Tasks accounted for: succeeded or quarantined. */
    public int done() {
        return succeeded + failed;
    }

    /** Fraction of tasks accounted for, 0 to 1. */
    public double progress() {
        return total == 0 ? 1.0 : (double) done() / total;
    }
}
