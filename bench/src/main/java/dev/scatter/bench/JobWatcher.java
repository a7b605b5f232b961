package dev.scatter.bench;

import java.time.Duration;
import java.util.Optional;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobEnds;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueKeys;

/**
 * Waits for jobs to end as a client does (submit's JobWaiter): with {@link JobEnds}, whose one subscription serves
 * all the jobs of a benchmark, and is in place before the first submit.
 */
final class JobWatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final JobEnds ends;

    JobWatcher(Broker broker, BenchRedis redis, String queue) {
        this.ends = new JobEnds(broker, queue);
        // The subscription is made in a thread of its own; a job ending before it is in place would be seen only
        // at the next poll, a quarter of a second late.
        String channel = new QueueKeys(queue).doneChannel();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (redis.subscribers(channel) < 1) {
            if (System.nanoTime() - deadline > 0) {
                ends.close();
                throw new BenchFailure("could not subscribe to " + channel + " within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ends.close();
                throw new BenchFailure("interrupted while subscribing", e);
            }
        }
    }

    /** The job's status once it has ended (succeeded, failed or cancelled). */
    JobStatus await(JobId id, Duration timeout) {
        Optional<JobStatus> status;
        try {
            status = ends.await(id, s -> s.state().isTerminal(), POLL, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for job " + id, e);
        }
        if (status.isEmpty()) {
            throw new BenchFailure("job " + id + " vanished");
        }
        JobStatus s = status.get();
        if (!s.state().isTerminal()) {
            throw new BenchFailure("job " + id + " has not ended after " + timeout.toSeconds() + " s ("
                    + s.state().wire() + ", " + s.done() + " of " + s.total() + " tasks done)");
        }
        return s;
    }

    @Override
    public void close() {
        ends.close();
    }
}
