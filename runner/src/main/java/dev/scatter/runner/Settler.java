package dev.scatter.runner;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ReturnCode;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports results and failures to Redis from one thread, in batches: it takes what the workers have finished,
 * settles it in one script call per queue, and comes back for more, so the batch grows with the load and a
 * lone task is reported at once. While Redis is down it keeps the batch and retries: a result computed is never
 * dropped (if its lease expires meanwhile, the late result still counts once).
 */
final class Settler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Settler.class);

    /** One finished attempt: a completion or a failure. */
    record Outcome(TaskCompletion completion, TaskFailure failure) {
        String queue() {
            return completion != null ? completion.task().job().queue() : failure.task().job().queue();
        }
    }

    private final Broker broker;
    private final OutageLog outage;
    private final RunnerMetrics metrics;
    private final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile long giveUpAt;
    private volatile boolean idle = true;

    Settler(Broker broker, OutageLog outage, RunnerMetrics metrics) {
        this.broker = broker;
        this.outage = outage;
        this.metrics = metrics;
    }

    void complete(TaskCompletion completion) {
        pending.add(new Outcome(completion, null));
    }

    void fail(TaskFailure failure) {
        pending.add(new Outcome(null, failure));
    }

    /** True once every outcome handed in has been settled. */
    boolean isDrained() {
        return pending.isEmpty() && idle;
    }

    /** Finishes what is pending and returns; if Redis stays unreachable past the deadline, gives up. */
    void stop(long giveUpAtNanos) {
        giveUpAt = giveUpAtNanos;
        stopping = true;
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        List<Outcome> batch = new ArrayList<>();
        while (!(stopping && pending.isEmpty() && batch.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    Outcome first = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    idle = false;
                    batch.add(first);
                    pending.drainTo(batch, 4000);
                }
                settle(batch);
                outage.succeeded();
                backoff.reset();
                batch.clear();
                idle = true;
            } catch (BrokerUnavailableException e) {
                outage.failed(e);
                if (stopping && System.nanoTime() - giveUpAt > 0) {
                    LOG.warn("giving up on reporting {} task outcomes: Redis is unreachable at shutdown;"
                            + " their leases will expire and other runners will run them", batch.size() + pending.size());
                    return;
                }
                sleep(backoff.nextMillis());
            } catch (InterruptedException e) {
                // checked by the loop condition
            } catch (RuntimeException e) {
                LOG.error("cannot report {} task outcomes: {}", batch.size(), e.toString());
                batch.clear();
                idle = true;
            }
        }
    }

    private void settle(List<Outcome> batch) {
        Map<String, List<TaskCompletion>> completions = new LinkedHashMap<>();
        Map<String, List<TaskFailure>> failures = new LinkedHashMap<>();
        for (Outcome o : batch) {
            if (o.completion() != null) {
                completions.computeIfAbsent(o.queue(), q -> new ArrayList<>()).add(o.completion());
            } else {
                failures.computeIfAbsent(o.queue(), q -> new ArrayList<>()).add(o.failure());
            }
        }
        for (Map.Entry<String, List<TaskCompletion>> e : completions.entrySet()) {
            List<ReturnCode> codes = broker.queue(e.getKey()).complete(e.getValue());
            metrics.completed(codes);
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i) == ReturnCode.DEAD) {
                    LOG.warn("task {} quarantined: its result is over the size limit", e.getValue().get(i).task().describe());
                }
            }
        }
        // Failures are reported after completions so a batch that both completes and fails is settled in order.
        completions.clear();
        for (Map.Entry<String, List<TaskFailure>> e : failures.entrySet()) {
            List<ReturnCode> codes = broker.queue(e.getKey()).fail(e.getValue());
            metrics.failed(codes);
            for (int i = 0; i < codes.size(); i++) {
                TaskFailure f = e.getValue().get(i);
                if (codes.get(i) == ReturnCode.DEAD) {
                    LOG.warn("task {} quarantined after attempt {}: {}", f.task().describe(), f.task().attempt(), f.error());
                } else if (codes.get(i) == ReturnCode.RETRY_SCHEDULED) {
                    LOG.info("task {} failed on attempt {} of {}, will retry: {}", f.task().describe(),
                            f.task().attempt(), f.task().maxAttempts(), f.error());
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            // The runner's only use of an interrupt here is to say it is stopping, which stop() has recorded.
        }
    }
}
