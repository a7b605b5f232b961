package dev.scatter.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueBacklog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The invariant every fault case checks: the job ends {@code succeeded} with the result of a fault-free run, no
 * task is charged an attempt because of the fault ({@code retries + failed} is 0: with one attempt per task,
 * any charge would also have quarantined the task), nothing is quarantined, and nothing stays in the queue:
 * no task ready, delayed or leased once the job has ended.
 */
public final class Invariant {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invariant() {
    }

    /**
     * Checks a job's end against the invariant.
     *
     * @param end    the job's status once terminal, or empty if it did not end in time
     * @param settle how long the queue may take to empty after the end (late hand-backs, expired leases)
     */
    public static void check(Findings findings, JobWatch watch, Optional<JobStatus> end, Duration timeout,
                             Duration settle, ResultCheck result) {
        if (end.isEmpty()) {
            JobStatus last = watch.now().orElse(null);
            findings.violation("job not terminal after " + timeout.toSeconds() + " s"
                    + (last == null ? " (Redis did not answer)"
                    : ": " + last.state().wire() + ", " + last.succeeded() + " of " + last.total() + " tasks counted, "
                    + last.failed() + " quarantined, " + last.recovered() + " recovered"));
            findings.exact(false);
            return;
        }
        JobStatus status = end.get();
        findings.detail("recovered", status.recovered());
        long charged = status.retries() + status.failed();
        findings.attemptsCharged(charged);
        if (status.state() != JobState.SUCCEEDED) {
            findings.violation("job ended " + status.state().wire() + (status.error() == null ? "" : ": " + status.error()));
        }
        if (charged != 0) {
            findings.violation(charged + " attempts charged (" + status.retries() + " retried, " + status.failed()
                    + " quarantined)");
        }
        List<DeadTask> dead = deadTasks(watch);
        if (!dead.isEmpty()) {
            DeadTask first = dead.get(0);
            findings.violation(dead.size() + " tasks quarantined, e.g. task " + first.index() + " after "
                    + first.attempts() + " attempts: " + first.reason() + (first.error().isBlank() ? "" : " (" + first.error() + ")"));
        }
        if (status.succeeded() != status.total() && status.state() == JobState.SUCCEEDED) {
            findings.violation("job succeeded with " + status.succeeded() + " of " + status.total() + " tasks counted");
        }
        boolean exact = false;
        if (status.state() == JobState.SUCCEEDED) {
            Optional<String> wrong = result.wrong(parse(status.result()), status);
            wrong.ifPresent(findings::violation);
            exact = wrong.isEmpty();
        }
        findings.exact(exact);
        Optional<QueueBacklog> backlog = watch.drained(settle);
        if (backlog.isEmpty()) {
            findings.violation("could not read the queue's backlog after the job ended");
        } else if (backlog.get().outstanding() != 0) {
            QueueBacklog b = backlog.get();
            findings.violation("left in the queue " + settle.toSeconds() + " s after the job ended: " + b.ready()
                    + " ready, " + b.delayed() + " delayed, " + b.inFlight() + " leased");
        }
    }

    /** What a succeeded job's result must be. */
    @FunctionalInterface
    public interface ResultCheck {
        /** Why the result is wrong, or empty if it is right. */
        Optional<String> wrong(JsonNode result, JobStatus status);
    }

    /**
     * A pi job's result: the fault-free run's {@code inside}, and (pi's, not paced-pi's) a {@code wallSeconds}
     * between 0 and the time the suite saw the job take (plus a second for rounding).
     */
    public static ResultCheck pi(PiWork work, double observedSeconds) {
        long expected = work.expectedInside();
        return (result, status) -> {
            long inside = result.path("inside").asLong(-1);
            if (inside != expected) {
                return Optional.of("inside " + inside + ", a fault-free run counts " + expected);
            }
            double wall = result.path("wallSeconds").asDouble(Double.NaN);
            if (result.has("wallSeconds") && !(wall >= 0 && wall <= observedSeconds + 1)) {
                return Optional.of("wallSeconds " + wall + " for a job the suite saw take " + Math.round(observedSeconds) + " s");
            }
            return Optional.empty();
        };
    }

    private static List<DeadTask> deadTasks(JobWatch watch) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return watch.broker().deadTasks(watch.id());
            } catch (RuntimeException unreachable) {
                Pause.millis(100);
            }
        }
        return List.of();
    }

    private static JsonNode parse(String result) {
        try {
            return result == null ? JSON.nullNode() : JSON.readTree(result);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
