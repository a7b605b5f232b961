package dev.scatter.bench;

import java.time.Duration;
import java.util.Optional;
import dev.scatter.broker.Broker;
import dev.scatter.broker.ChannelSubscription;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueKeys;

/**
 * Waits for jobs to end as a client does (submit's JobWaiter): reads the job's status, and when it has not
 * ended waits for the queue's done channel to announce an end (or for a poll interval, in case an announcement
 * is lost), then reads the status again. One subscription serves all the jobs of a benchmark, and it is in place
 * before the first submit.
 */
final class JobWatcher implements AutoCloseable {

    private static final long POLL_MILLIS = 250;

    private final Broker broker;
    private final ChannelSubscription subscription;
    private final Object lock = new Object();
    private long announcements;

    JobWatcher(Broker broker, BenchRedis redis, String queue) {
        this.broker = broker;
        this.subscription = broker.onJobEnd(queue, this::announced);
        // The subscription is made in a thread of its own; a job ending before it is in place would be seen only
        // at the next poll, a quarter of a second late.
        String channel = new QueueKeys(queue).doneChannel();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (redis.subscribers(channel) < 1) {
            if (System.nanoTime() - deadline > 0) {
                subscription.close();
                throw new BenchFailure("could not subscribe to " + channel + " within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                subscription.close();
                throw new BenchFailure("interrupted while subscribing", e);
            }
        }
    }

    private void announced(String jobId) {
        synchronized (lock) {
            announcements++;
            lock.notifyAll();
        }
    }

    /** The job's status once it has ended (succeeded, failed or cancelled). */
    JobStatus await(JobId id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (lock) {
                seen = announcements;
            }
            Optional<JobStatus> status = broker.status(id);
            if (status.isEmpty()) {
                throw new BenchFailure("job " + id + " vanished");
            }
            if (status.get().state().isTerminal()) {
                return status.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                JobStatus s = status.get();
                throw new BenchFailure("job " + id + " has not ended after " + timeout.toSeconds() + " s ("
                        + s.state().wire() + ", " + s.done() + " of " + s.total() + " tasks done)");
            }
            synchronized (lock) {
                if (announcements == seen) {
                    try {
                        lock.wait(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BenchFailure("interrupted while waiting for job " + id, e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
