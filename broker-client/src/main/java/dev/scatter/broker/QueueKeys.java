package dev.scatter.broker;

import java.util.regex.Pattern;

/**
 * Every Redis key and channel name of one queue, built in this one place.
 *
 * <p>All keys of a queue, and of the jobs submitted to it, share the hash tag {@code {queue}}: each script
 * touches a single hash slot, so scripts stay atomic under Redis Cluster, and a very large sweep can be spread
 * over several queues (slots). The version in the prefix lets the layout change: {@code v2} keeps time by Redis's
 * clock and declares every key a script touches. docs/protocol.md lists them all.
 */
public final class QueueKeys {

    public static final String ROOT = "scatter:v2:";
    public static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String queue;
    private final String prefix;
    /** The prefix of the queue whose channels this one uses: its own, or for a shard's queue its job's queue's. */
    private final String channelPrefix;

    /** The keys of a queue: a user's queue name, or a shard's queue ({@link ShardQueues}). */
    public QueueKeys(String queue) {
        if (!ShardQueues.isShard(queue)) {
            requireValidQueueName(queue);
        }
        this.queue = queue;
        this.prefix = ROOT + "{" + queue + "}:";
        this.channelPrefix = ROOT + "{" + ShardQueues.parentOf(queue) + "}:";
    }

    public static void requireValidQueueName(String queue) {
        if (queue == null || !QUEUE_NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("invalid queue name " + Excerpt.quote(queue)
                    + ": use 1 to 64 letters, digits, '_', '.' or '-'");
        }
    }

    public String queue() {
        return queue;
    }

    /** Hash of the queue's clock: Redis's time at the last call, and the queue's time (docs/protocol.md, "Time"). */
    public String clock() {
        return prefix + "clock";
    }

    /** List of refs (and ranges of fresh tasks) ready to be claimed. */
    public String ready() {
        return prefix + "ready";
    }

    /** Sorted set of refs set aside for runners of their kind, member "kind|ref", all scored 0. */
    public String parked() {
        return prefix + "parked";
    }

    /** List of refs of tasks whose runner was lost while running them: each runs alone next (claim-7). */
    public String suspects() {
        return prefix + "suspects";
    }

    /** Hash of the jobs that have not ended: id to "state|startedAt|total|maxAttempts|kind". */
    public String active() {
        return prefix + "active";
    }

    /** Hash of the queue's counters: tasks outstanding in active jobs, tasks completed ever. */
    public String counters() {
        return prefix + "counters";
    }

    /** Sorted set of lease members, scored by lease deadline (queue clock, ms). */
    public String leases() {
        return prefix + "leases";
    }

    /** Sorted set of refs waiting out a retry back-off, scored by due time (queue clock, ms). */
    public String delayed() {
        return prefix + "delayed";
    }

    /** Capped list of quarantined entries that could not be parsed or matched to a job. */
    public String malformed() {
        return prefix + "malformed";
    }

    /** Sorted set of ended jobs, scored by the time their keys expire (Redis time, ms): how the jobs index is pruned. */
    public String expiring() {
        return prefix + "expiring";
    }

    /** Sorted set of job ids, scored by submit time (Redis time, ms). */
    public String jobs() {
        return prefix + "jobs";
    }

    /** Hash of a job: kind, params, counters, state, timestamps, result. */
    public String job(String jobId) {
        return prefix + "job:" + jobId;
    }

    /** Hash of a job's partial results: task index to result JSON. */
    public String results(String jobId) {
        return job(jobId) + ":results";
    }

    /** Hash of a job's quarantined tasks: task index (or "r" for the reduce) to reason JSON. */
    public String dead(String jobId) {
        return job(jobId) + ":dead";
    }

    /** Hash of a task's returns without a result, by "lost:<task>" (runners lost) and "back:<task>" (hand-backs). */
    public String returns(String jobId) {
        return job(jobId) + ":returns";
    }

    /** Hash of the job's task records: task index to its last settled attempt (state, attempt, runner, duration). */
    public String tasks(String jobId) {
        return job(jobId) + ":tasks";
    }

    /** A blob of data shared by a job's tasks (a dataset, say), under the SHA-256 of its bytes. */
    public String blob(String sha256) {
        return prefix + "blob:" + sha256;
    }

    /**
     * Pub/sub channel announcing that tasks became ready, so idle runners wake at once. A shard's queue announces
     * on its job's queue's channel, to which the runners serving that queue (and so its shards) listen.
     */
    public String wakeChannel() {
        return channelPrefix + "wake";
    }

    /** Pub/sub channel announcing the id of each job (or shard of a job) that ends. */
    public String doneChannel() {
        return channelPrefix + "done";
    }

    /** Set of the shard queues that sharded jobs of this queue have used: runners serving it serve those too. */
    public String shardQueues() {
        return prefix + "shard-queues";
    }

    /** Set of the ids of sharded jobs waiting for their shards: what the runners' shard check looks at. */
    public String sharded() {
        return prefix + "sharded";
    }

    /** Hash of a sharded job's shards that have ended: shard index to "succeeded" or "failed". */
    public String shardOutcomes(String jobId) {
        return job(jobId) + ":shards";
    }

    /** Keys of runner presence: one hash tag for all runners, whatever queues they serve. */
    public static final class Runners {
        private static final String PREFIX = ROOT + "{runners}:";

        private Runners() {
        }

        /** Sorted set of runner ids, scored by last heartbeat (ms). */
        public static String index() {
            return PREFIX + "index";
        }

        /** Hash describing one runner; expires when its heartbeats stop. */
        public static String runner(String runnerId) {
            return PREFIX + "runner:" + runnerId;
        }
    }
}
