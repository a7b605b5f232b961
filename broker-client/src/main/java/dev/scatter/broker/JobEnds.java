package dev.scatter.broker;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows jobs of one queue to their end as every client does (submit's wait, the benchmarks): reads a job's
 * status, and while it has not ended waits for the queue's done channel to announce an end, or for a poll
 * interval in case an announcement was lost (a reconnect, a subscription not yet in place), then reads again. One
 * subscription serves every job of the queue.
 */
public final class JobEnds implements AutoCloseable {

    private final Broker broker;
    private final ChannelSubscription subscription;
    private final Object lock = new Object();
    private long announcements;

    public JobEnds(Broker broker, String queue) {
        this.broker = broker;
        this.subscription = broker.onJobEnd(queue, jobId -> announced());
    }

    private void announced() {
        synchronized (lock) {
            announcements++;
            lock.notifyAll();
        }
    }

    /**
     * Reads the job's status until {@code ended} holds (or the job is gone: empty), waiting at most {@code poll}
     * between reads, and no longer than {@code timeout} in all (null: no limit), after which it returns the last
     * status read, which has not ended. A read that fails throws: what to do in an outage is the caller's choice.
     */
    public Optional<JobStatus> await(JobId id, Predicate<JobStatus> ended, Duration poll, Duration timeout)
            throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = announcements();
            Optional<JobStatus> status = broker.status(id);
            if (status.isEmpty() || ended.test(status.get())) {
                return status;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return status;
            }
            awaitAnnouncement(seen, Math.min(poll.toMillis(), left / 1_000_000));
        }
    }

    /** How many ends the queue has announced so far: read it before reading a status, then wait past it. */
    public long announcements() {
        synchronized (lock) {
            return announcements;
        }
    }

    /** Waits until an end is announced after {@code seen} (see {@link #announcements()}), or {@code millis} pass. */
    public void awaitAnnouncement(long seen, long millis) throws InterruptedException {
        synchronized (lock) {
            if (announcements == seen) {
                lock.wait(Math.max(1, millis));
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
