package dev.scatter.broker;

import java.time.Instant;

/**
 * A job as read from Redis: what it is, where it stands, and its result once it has one.
 *
 * @param succeeded     tasks whose result is recorded (each counted once)
 * @param failed        tasks quarantined in the dead set
 * @param maxAttempts   attempts a task may fail before it is quarantined
 * @param maxRecoveries times a task may lose its runner (killed, hung, cut off) before it is quarantined
 * @param retries       failed attempts that were scheduled again
 * @param recovered     leases that expired (their runner was lost) and were taken back, charging no attempt
 * @param handedBack    tasks handed back by their runner (shutdown, or stopped by it), charging no attempt
 * @param result    the reduced result (JSON), once the job succeeded
 * @param error     why the job failed, once it failed
 * @param broken    null when the job's record read well; else what in it did not (its state is then
 *                  {@link JobState#BROKEN} if the state itself did not read)
 * @param shards    1, or the shards the job's tasks are split over (docs/design.md, "One job over many nodes")
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
        int maxRecoveries,
        long retries,
        long recovered,
        long handedBack,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String result,
        String error,
        String broken,
        int shards) {

    /** A job that is not sharded. */
    public JobStatus(JobId id, String kind, String paramsJson, JobState state, int total, int succeeded, int failed,
                     int maxAttempts, int maxRecoveries, long retries, long recovered, long handedBack,
                     Instant createdAt, Instant startedAt, Instant finishedAt, String result, String error,
                     String broken) {
        this(id, kind, paramsJson, state, total, succeeded, failed, maxAttempts, maxRecoveries, retries, recovered,
                handedBack, createdAt, startedAt, finishedAt, result, error, broken, 1);
    }

    /** Whether some field of the job's record did not read: see {@link #broken()}. */
    public boolean isBroken() {
        return broken != null;
    }

    /** Tasks accounted for: succeeded or quarantined. */
    public int done() {
        return succeeded + failed;
    }

    /** Fraction of tasks accounted for, 0 to 1. */
    public double progress() {
        return total == 0 ? 1.0 : (double) done() / total;
    }
}
