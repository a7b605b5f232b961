package dev.scatter.broker;

/**
 * A task leased to this client: run it, renew its lease while it runs, then settle it (complete, fail or
 * release). {@code leaseId} is the lease member in Redis; it also fences: once the lease expires and another
 * runner takes the task, this lease id no longer exists.
 *
 * @param index       the task's index, 0 to {@code totalTasks - 1}; {@link #REDUCE} for the job's reduce
 * @param attempt     1 for the first attempt
 * @param paramsJson  the job's parameters (the task derives its own from them and its index)
 */
public record ClaimedTask(
        JobId job, int index, int attempt, String kind, String paramsJson, int totalTasks, int maxAttempts,
        String leaseId) {

    /** The index of a job's reduce step. */
    public static final int REDUCE = -1;

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

    /** "jobId#index" or "jobId#reduce", for logs. */
    public String describe() {
        return job + "#" + (isReduce() ? "reduce" : Integer.toString(index));
    }
}
