package dev.scatter.bench;

import java.io.PrintStream;

/** The end of every benchmark that uses a queue: its keys go, whatever happened before. */
final class Cleanup {

    private Cleanup() {
    }

    /** Deletes the queue's keys, and those of the shard queues its sharded jobs used. */
    static void queue(BenchRedis redis, String queue, PrintStream progress) {
        try {
            for (String shard : redis.shardQueues(queue)) {
                progress.printf("deleted the %,d keys of queue %s%n", redis.deleteQueue(shard), shard);
            }
            long deleted = redis.deleteQueue(queue);
            progress.printf("deleted the %,d keys of queue %s%n", deleted, queue);
        } catch (RuntimeException e) {
            // Do not hide the run's own outcome (or exception) behind a failed clean-up; say what is left.
            progress.println("warning: " + e.getMessage());
        }
    }
}
