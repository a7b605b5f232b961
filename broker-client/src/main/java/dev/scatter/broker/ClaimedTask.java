package dev.scatter.broker;

/**
 * A task leased to this client: run it, renew its lease while it runs, then settle it (complete, fail or
 * release). {@code leaseId} is the lease member in Redis; it also fences: once the lease expires and another
 * runner takes the task, this lease id no longer exists.
 *
 * @param index       the task's index, 0 to {@code totalTasks - 1}; {@link #REDUCE} for the job's reduce
 * @param attempt     1 for the first attempt
 * @param paramsJson  the job's parameters (the task derives its own from them and its index)
 * @param offset      0, or for a task of a shard of a sharded job, the index in the whole job of the shard's
 *                    first task: the task is the job's task {@code offset + index}
 * @param jobTotal    the whole job's task count ({@code totalTasks}, but for a shard's task)
 */
public record ClaimedTask(
        JobId job, int index, int attempt, String kind, String paramsJson, int totalTasks, int maxAttempts,
        String leaseId, int offset, int jobTotal) {

    /** The index of a job's reduce step. */
    public static final int REDUCE = -1;

    /** A task of a job that is not sharded. */
    public ClaimedTask(JobId job, int index, int attempt, String kind, String paramsJson, int totalTasks,
                       int maxAttempts, String leaseId) {
        this(job, index, attempt, kind, paramsJson, totalTasks, maxAttempts, leaseId, 0, totalTasks);
    }

    /** The task's index in the whole job: what its kind is given ({@link #REDUCE} for the reduce). */
    public int jobIndex() {
        return isReduce() ? REDUCE : offset + index;
    }

    /** The job as users know it: for a shard's task, the sharded job on its own queue. */
    public JobId userJob() {
        return ShardQueues.isShard(job.queue()) ? new JobId(ShardQueues.parentOf(job.queue()), job.id()) : job;
    }

    public boolean isReduce() {
        return index == REDUCE;
    }

    /**
     * Whether the task lost its runner before (it may be what killed it): a runner runs such a task alone, so that
     * if it kills the runner again no other task pays for it. Its lease token starts with "s" (claim-7).
     */
    public boolean isSuspect() {
        int token = leaseId.lastIndexOf(':');
        return token >= 0 && leaseId.startsWith("s", token + 1);
    }

    /** "jobId#index" or "jobId#reduce", for logs: the job and index users know (a shard's task by its job's). */
    public String describe() {
        return userJob() + "#" + (isReduce() ? "reduce" : Integer.toString(jobIndex()));
    }
}
