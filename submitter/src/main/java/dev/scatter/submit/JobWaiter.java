package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.ChannelSubscription;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
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
    private final PrintWriter err;
    private final Map<String, String> env;
    private final boolean json;
    private final Object ended = new Object();
    private boolean announced;

    JobWaiter(Broker broker, PrintWriter err, Map<String, String> env, boolean json) {
        this.broker = broker;
        this.err = err;
        this.env = env;
        this.json = json;
    }

    /** The job once it has ended; throws a CliException on timeout or when the job does not exist. */
    JobStatus await(JobId id, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long backoff = 100;
        boolean outageReported = false;
        JobStatus last = null;
        RunnerCoverage coverage = new RunnerCoverage(broker, err);
        try (ChannelSubscription done = broker.onJobEnd(id.queue(), this::onJobEnd);
             Progress progress = Progress.start(id.toString(), 0, json, env)) {
            while (true) {
                try {
                    Optional<JobStatus> status = broker.status(id);
                    if (status.isEmpty()) {
                        throw new CliException(ExitCodes.NOT_FOUND, "job " + id + " does not exist (or has expired)");
                    }
                    if (outageReported) {
                        err.println("submit: Redis at " + broker.uri().address() + " is back");
                        outageReported = false;
                    }
                    backoff = 100;
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
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new CliException(ExitCodes.TIMEOUT, "job " + id + " has not ended after " + timeout.toSeconds()
                            + " s" + (last == null ? "" : " (" + last.state().wire() + ", " + last.done() + "/" + last.total()
                            + " tasks done)"));
                }
                waitForEnd(POLL_MILLIS);
            }
        }
    }

    /** A job whose record does not read cannot be followed to its end: say so rather than wait forever. */
    static CliException brokenRecord(JobStatus job) {
        return new CliException(ExitCodes.INTERNAL, "job " + job.id() + " has a broken record in Redis ("
                + job.broken() + "): it cannot be followed; 'submit status " + job.id() + "' shows what reads");
    }

    private void onJobEnd(String jobId) {
        synchronized (ended) {
            announced = true;
            ended.notifyAll();
        }
    }

    private void waitForEnd(long millis) {
        synchronized (ended) {
            if (!announced) {
                try {
                    ended.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException(ExitCodes.TIMEOUT, "interrupted while waiting");
                }
            }
            announced = false;
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
