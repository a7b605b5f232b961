package dev.scatter.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a sharded job: a job of the same id on a queue of its own, holding the job's tasks
 * {@code offset} to {@code offset + tasks - 1} as its tasks 0 to {@code tasks - 1}.
 *
 * @param index  the shard's number, 0 to N - 1
 * @param job    the shard's job: the sharded job's id on the shard's queue
 */
public record Shard(int index, JobId job, int offset, int tasks) {

    /**
     * The shards of a job of {@code total} tasks over {@code queues}: contiguous ranges, the first
     * {@code total % N} one task longer, so that they differ by one task at most.
     */
    public static List<Shard> of(String id, int total, List<String> queues) {
        int n = queues.size();
        List<Shard> shards = new ArrayList<>(n);
        int offset = 0;
        for (int i = 0; i < n; i++) {
            int tasks = total / n + (i < total % n ? 1 : 0);
            shards.add(new Shard(i, new JobId(queues.get(i), id), offset, tasks));
            offset += tasks;
        }
        return shards;
    }

    /** The shards a sharded job's hash names (its "shardQueues" and "total"); empty for any other job. */
    static List<Shard> of(String id, java.util.Map<String, String> parentHash) {
        return of(id, parentHash.get("shardQueues"), parentHash.get("total"));
    }

    /** The shards of a job whose hash has these "shardQueues" and "total" fields; empty when either is missing. */
    static List<Shard> of(String id, String queues, String total) {
        if (queues == null || total == null) {
            return List.of();
        }
        try {
            return of(id, Integer.parseInt(total.strip()), List.of(queues.strip().split(" +")));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
