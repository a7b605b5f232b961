package dev.scatter.chaos;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueBacklog;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a job's status the way a user's {@code submit wait} does, through Redis outages: a read that fails is
 * simply tried again at the next poll.
 */
public final class JobWatch {

    private static final long POLL_MILLIS = 100;

    private final Broker broker;
    private final JobId id;

    public JobWatch(Broker broker, JobId id) {
        this.broker = broker;
        this.id = id;
    }

    public JobId id() {
        return id;
    }

    public Broker broker() {
        return broker;
    }

    /** The status now, or empty if Redis did not answer (or the job is gone). */
    public Optional<JobStatus> now() {
        try {
            return broker.status(id);
        } catch (BrokerException unreachable) {
            return Optional.empty();
        }
    }

    /** Waits until the status satisfies the condition; empty if it did not within the timeout. */
    public Optional<JobStatus> until(Predicate<JobStatus> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JobStatus> status = now();
            if (status.isPresent() && condition.test(status.get())) {
                return status;
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            Pause.millis(POLL_MILLIS);
        }
    }

    public Optional<JobStatus> terminal(Duration timeout) {
        return until(s -> s.state().isTerminal(), timeout);
    }

    /** The backlog of the job's queue now, or empty if Redis did not answer. */
    public Optional<QueueBacklog> backlog() {
        try {
            return Optional.of(broker.queue(id.queue()).backlog());
        } catch (BrokerException unreachable) {
            return Optional.empty();
        }
    }

    /** Waits until the job's queue holds nothing ready, delayed or leased; returns the last backlog read. */
    public Optional<QueueBacklog> drained(Duration timeout) {
        return backlogUntil(b -> b.outstanding() == 0, timeout);
    }

    /** Waits until the queue's backlog satisfies the condition; returns the last backlog read either way. */
    public Optional<QueueBacklog> backlogUntil(Predicate<QueueBacklog> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<QueueBacklog> last = Optional.empty();
        while (true) {
            Optional<QueueBacklog> b = backlog();
            if (b.isPresent()) {
                last = b;
                if (condition.test(b.get())) {
                    return last;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return last;
            }
            Pause.millis(POLL_MILLIS);
        }
    }
}
