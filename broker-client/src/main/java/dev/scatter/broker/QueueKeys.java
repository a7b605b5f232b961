package dev.scatter.broker;

import java.util.regex.Pattern;

/**
 * Every Redis key and channel name of one queue, built in this one place.
 *
 * <p>All keys of a queue, and of the jobs submitted to it, share the hash tag {@code {queue}}: each script
 * touches a single hash slot, so scripts stay atomic under Redis Cluster, and a very large sweep can be spread
 * over several queues (slots). The {@code v1} in the prefix lets the layout change later. The scripts derive
 * a job's keys from {@link #jobPrefix()} by the same rule as {@link #job(String)}, {@link #results(String)} and
 * {@link #dead(String)}; docs/protocol.md lists them all.
 */
public final class QueueKeys {

    public static final String ROOT = "scatter:v1:";
    public static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String queue;
    private final String prefix;

    public QueueKeys(String queue) {
        requireValidQueueName(queue);
        this.queue = queue;
        this.prefix = ROOT + "{" + queue + "}:";
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

    /** List of refs ready to be claimed. */
    public String ready() {
        return prefix + "ready";
    }

    /** Sorted set of lease members, scored by lease deadline (ms). */
    public String leases() {
        return prefix + "leases";
    }

    /** Sorted set of refs waiting out a retry back-off, scored by due time (ms). */
    public String delayed() {
        return prefix + "delayed";
    }

    /** Capped list of quarantined entries that could not be parsed or matched to a job. */
    public String malformed() {
        return prefix + "malformed";
    }

    /** Sorted set of ended jobs, scored by the time their keys expire (ms): how the jobs index is pruned. */
    public String expiring() {
        return prefix + "expiring";
    }

    /** Sorted set of job ids, scored by submit time (ms). */
    public String jobs() {
        return prefix + "jobs";
    }

    /** The prefix the scripts append a job id to. */
    public String jobPrefix() {
        return prefix + "job:";
    }

    /** Hash of a job: kind, params, counters, state, timestamps, result. */
    public String job(String jobId) {
        return jobPrefix() + jobId;
    }

    /** Hash of a job's partial results: task index to result JSON. */
    public String results(String jobId) {
        return job(jobId) + ":results";
    }

    /** Hash of a job's quarantined tasks: task index (or "r" for the reduce) to reason JSON. */
    public String dead(String jobId) {
        return job(jobId) + ":dead";
    }

    /** A blob of data shared by a job's tasks (a dataset, say), under the SHA-256 of its bytes. */
    public String blob(String sha256) {
        return prefix + "blob:" + sha256;
    }

    /** Pub/sub channel announcing that tasks became ready, so idle runners wake at once. */
    public String wakeChannel() {
        return prefix + "wake";
    }

    /** Pub/sub channel announcing the id of each job that ends. */
    public String doneChannel() {
        return prefix + "done";
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
