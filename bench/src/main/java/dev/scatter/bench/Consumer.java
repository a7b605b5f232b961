package dev.scatter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.scatter.broker.Broker;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.ReturnCode;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskQueue;

/**
 * A runner with no work to do: claims a batch, completes all of it at once, and again until a claim comes back
 * empty. It also completes the reduce tasks that each job's last completion enqueues, so every job can end as
 * succeeded, exactly as with real runners. A consumer that finds the queue empty can stop: a reduce enqueued
 * later is enqueued by another consumer's completion, and that consumer claims again before it stops. On a shard's
 * queue, the completion that ends a shard is told to its job, as a runner's settler does; the consumer whose tell
 * queued the job's reduce (on the job's own queue) completes it.
 */
final class Consumer implements Callable<Consumer.Counts> {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String TASK_RESULT = "1";
    static final String REDUCE_RESULT = "{}";

    private final Broker broker;
    private final TaskQueue queue;
    private final int batch;
    private final CountDownLatch start;

    Consumer(Broker broker, TaskQueue queue, int batch, CountDownLatch start) {
        this.broker = broker;
        this.queue = queue;
        this.batch = batch;
        this.start = start;
    }

    /**
     * What one consumer did: tasks and reduces completed, the codes the completions got back, the script calls
     * made and the time spent waiting for them (round trip included).
     */
    record Counts(long tasks, long reduces, Map<ReturnCode, Long> codes, long claimCalls, long completeCalls,
                  long claimNanos, long completeNanos) {

        static Counts none() {
            return new Counts(0, 0, new EnumMap<>(ReturnCode.class), 0, 0, 0, 0);
        }

        Counts plus(Counts o) {
            Map<ReturnCode, Long> merged = new EnumMap<>(ReturnCode.class);
            merged.putAll(codes);
            o.codes.forEach((code, n) -> merged.merge(code, n, Long::sum));
            return new Counts(tasks + o.tasks, reduces + o.reduces, merged, claimCalls + o.claimCalls,
                    completeCalls + o.completeCalls, claimNanos + o.claimNanos, completeNanos + o.completeNanos);
        }

        long code(ReturnCode code) {
            return codes.getOrDefault(code, 0L);
        }
    }

    @Override
    public Counts call() throws InterruptedException {
        start.await();
        long tasks = 0;
        long reduces = 0;
        long claimCalls = 0;
        long completeCalls = 0;
        long claimNanos = 0;
        long completeNanos = 0;
        Map<ReturnCode, Long> codes = new EnumMap<>(ReturnCode.class);
        List<TaskCompletion> completions = new ArrayList<>(batch);
        TaskQueue from = queue;
        while (true) {
            long t0 = System.nanoTime();
            List<ClaimedTask> claimed = from.claim(batch, LEASE, "noop");
            long t1 = System.nanoTime();
            claimCalls++;
            claimNanos += t1 - t0;
            if (claimed.isEmpty()) {
                if (from != queue) {
                    from = queue;
                    continue;
                }
                break;
            }
            completions.clear();
            for (ClaimedTask task : claimed) {
                if (task.isReduce()) {
                    reduces++;
                    completions.add(new TaskCompletion(task, REDUCE_RESULT));
                } else {
                    tasks++;
                    completions.add(new TaskCompletion(task, TASK_RESULT));
                }
            }
            long t2 = System.nanoTime();
            List<ReturnCode> results = from.complete(completions);
            completeNanos += System.nanoTime() - t2;
            // complete() makes one script call per TaskQueue.MAX_BATCH completions; a batch never exceeds it.
            completeCalls++;
            for (int i = 0; i < results.size(); i++) {
                ReturnCode code = results.get(i);
                codes.merge(code, 1L, Long::sum);
                if (code == ReturnCode.SHARD_ENDED && broker.shardEnded(claimed.get(i).job())) {
                    // This tell queued the job's reduce: complete it before going back to the shard.
                    from = broker.queue(claimed.get(i).userJob().queue());
                }
            }
        }
        return new Counts(tasks, reduces, codes, claimCalls, completeCalls, claimNanos, completeNanos);
    }
}
