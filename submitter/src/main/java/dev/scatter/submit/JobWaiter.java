package dev.scatter.submit;

import dev.scatter.broker.Backoff;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.JobEnds;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Waits for a job to end, showing progress. The job's end is announced on the queue's done channel, so the
 * wait ends within milliseconds; status is also polled for progress and in case an announcement is lost. A
 * Redis outage is ridden out with back-off, said once on stderr; so is a job that no live runner can run.
 */
final class JobWaiter {

    private static final long POLL_MILLIS = 250;

    private final Broker broker;
    private final TaskKinds kinds;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final boolean json;

    JobWaiter(Broker broker, TaskKinds kinds, PrintWriter err, Map<String, String> env, boolean json) {
        this.broker = broker;
        this.kinds = kinds;
        this.err = err;
        this.env = env;
        this.json = json;
    }

    /** The job once it has ended; throws a CliException on timeout or when the job does not exist. */
    JobStatus await(JobId id, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff();
        boolean outageReported = false;
        JobStatus last = null;
        RunnerCoverage coverage = new RunnerCoverage(broker, kinds, err);
        try (JobEnds ends = new JobEnds(broker, id.queue());
             Progress progress = Progress.start(id.toString(), 0, json, env)) {
            while (true) {
                long seen = ends.announcements();
                try {
                    Optional<JobStatus> status = broker.status(id);
                    if (status.isEmpty()) {
                        throw new CliException(ExitCodes.NOT_FOUND, "job " + id + " does not exist (or has expired)");
                    }
                    if (outageReported) {
                        err.println("submit: Redis at " + broker.uri().address() + " is back");
                        outageReported = false;
                    }
                    backoff.reset();
                    last = status.get();
                    if (last.isBroken()) {
                        throw brokenRecord(last);
                    }
                    progress.update(last.done(), last.total());
                    if (last.state().isTerminal()) {
                        return last;
                    }
                    coverage.check(last);
                } catch (BrokerUnavailableException e) {
                    if (!outageReported) {
                        err.println("submit: " + e.getMessage() + "; still waiting for job " + id);
                        outageReported = true;
                    }
                    sleep(backoff.nextMillis());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new CliException(ExitCodes.TIMEOUT, "job " + id + " has not ended after " + timeout.toSeconds()
                            + " s" + (last == null ? "" : " (" + last.state().wire() + ", " + last.done() + "/" + last.total()
                            + " tasks done)"));
                }
                waitForEnd(ends, seen);
            }
        }
    }

    /** A job whose record does not read cannot be followed to its end: say so rather than wait forever. */
    static CliException brokenRecord(JobStatus job) {
        return new CliException(ExitCodes.INTERNAL, "job " + job.id() + " has a broken record in Redis ("
                + job.broken() + "): it cannot be followed; 'submit status " + job.id() + "' shows what reads");
    }

    /** Until an end is announced after the last read, or a poll interval passes (for progress). */
    private static void waitForEnd(JobEnds ends, long seen) {
        try {
            ends.awaitAnnouncement(seen, POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.TIMEOUT, "interrupted while waiting");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
