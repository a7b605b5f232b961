package dev.scatter.bench;

import java.util.Map;
import dev.scatter.broker.JobId;
import dev.scatter.broker.QueueKeys;

/**
 * Where a job's time went, from the timestamps in its hash (milliseconds, each taken by the client that made
 * the script call, just before the call): {@code createdAt} at submit, {@code startedAt} at the first claim of
 * one of its tasks, {@code reduceQueuedAt} at the settlement of its last task, {@code finishedAt} at the
 * settlement of its reduce; and {@code seenAt}, when the benchmark, waiting as a client does, saw it ended.
 * All processes run on this machine, so the clocks agree. Being whole milliseconds, one job's segments are
 * coarse; their means over many jobs are not.
 */
record JobTimeline(long createdAt, long startedAt, long reduceQueuedAt, long finishedAt, long seenAt) {

    static JobTimeline read(BenchRedis redis, JobId id, long seenAtMillis) {
        Map<String, String> hash = redis.hash(new QueueKeys(id.queue()).job(id.id()));
        return new JobTimeline(field(hash, "createdAt", id), field(hash, "startedAt", id),
                field(hash, "reduceQueuedAt", id), field(hash, "finishedAt", id), seenAtMillis);
    }

    private static long field(Map<String, String> hash, String name, JobId id) {
        String value = hash.get(name);
        if (value == null) {
            throw new BenchFailure("job " + id + " has no " + name + " (fields: " + hash.keySet() + ")");
        }
        return Long.parseLong(value);
    }

    /** Submit to the first claim: the submit script, the wake-up, a runner's claim call. */
    long queuedMillis() {
        return startedAt - createdAt;
    }

    /** First claim to the last task's settlement: the tasks running, and their results reported. */
    long tasksMillis() {
        return reduceQueuedAt - startedAt;
    }

    /** The reduce: queued, woken, claimed, partial results read and folded, its result reported. */
    long reduceMillis() {
        return finishedAt - reduceQueuedAt;
    }

    /** The reduce's settlement to the client knowing: the script, the done message, the client's status read. */
    long noticedMillis() {
        return seenAt - finishedAt;
    }

    long totalMillis() {
        return seenAt - createdAt;
    }
}
