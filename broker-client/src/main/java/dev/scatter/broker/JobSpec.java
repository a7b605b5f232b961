package dev.scatter.broker;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a user submits: a kind, its parameters (a JSON object), how many tasks it splits into, and where and
 * how it runs. Build with {@link #of(String, String, int)} and the {@code with...} methods.
 *
 * @param kind        the task kind, which runners must have registered
 * @param paramsJson  the job's parameters; each task's own are derived from them and its index by the kind
 * @param tasks       the number of tasks
 * @param queue       the queue to submit to
 * @param maxAttempts   failed attempts per task (and for the reduce) before it is quarantined
 * @param maxRecoveries times a task may lose its runner (killed, hung, cut off from Redis) before it is
 *                      quarantined as a task that kills its runners; runner deaths never use up attempts
 * @param resultTtl     how long a finished job, its result and its dead tasks are kept
 * @param shards        1, or the number of shards the tasks are split over, each a queue of its own hash tag, so
 *                      that Redis Cluster spreads one job over its masters ({@link ShardQueues})
 */
public record JobSpec(String kind, String paramsJson, int tasks, String queue, int maxAttempts, int maxRecoveries,
                      Duration resultTtl, int shards) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int DEFAULT_MAX_RECOVERIES = 10;
    /** A task that fails this often will not succeed: more attempts only repeat its error (and its log lines). */
    public static final int MAX_ATTEMPTS_LIMIT = 1_000;
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofDays(7);
    /** Ten years: Redis refuses expiry times far beyond, and a job kept longer is better exported. */
    public static final Duration MAX_RESULT_TTL = Duration.ofDays(3650);
    /**
     * A kind name: it is stored in every job hash and dead-task entry and printed in every log line about a task,
     * so it is short and plain.
     */
    public static final Pattern KIND_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Throws an {@link InvalidJobException} naming the rule when {@code kind} is not a valid kind name. */
    public static void requireValidKind(String kind) {
        if (kind == null || !KIND_NAME.matcher(kind).matches()) {
            throw new InvalidJobException("invalid task kind name " + Excerpt.quote(kind)
                    + ": use 1 to 64 letters, digits, '_', '.' or '-'");
        }
    }

    public static JobSpec of(String kind, String paramsJson, int tasks) {
        return new JobSpec(kind, paramsJson, tasks, JobId.DEFAULT_QUEUE, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RECOVERIES,
                DEFAULT_RESULT_TTL, 1);
    }

    public JobSpec withQueue(String queue) {
        return new JobSpec(kind, paramsJson, tasks, queue, maxAttempts, maxRecoveries, resultTtl, shards);
    }

    public JobSpec withMaxAttempts(int maxAttempts) {
        return new JobSpec(kind, paramsJson, tasks, queue, maxAttempts, maxRecoveries, resultTtl, shards);
    }

    public JobSpec withMaxRecoveries(int maxRecoveries) {
        return new JobSpec(kind, paramsJson, tasks, queue, maxAttempts, maxRecoveries, resultTtl, shards);
    }

    public JobSpec withShards(int shards) {
        return new JobSpec(kind, paramsJson, tasks, queue, maxAttempts, maxRecoveries, resultTtl, shards);
    }

    public JobSpec withResultTtl(Duration resultTtl) {
        return new JobSpec(kind, paramsJson, tasks, queue, maxAttempts, maxRecoveries, resultTtl, shards);
    }
}
