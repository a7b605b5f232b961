package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.RunnerPresence;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Says on stderr when a waiting job has no runner that could run it: none serves its queue, or none of those that
 * do runs its kind (a plug-in not installed there, commands not allowed). A job is never failed for that: its
 * tasks wait. Said when first seen, a few seconds into the wait, and again every minute while it lasts.
 */
final class RunnerCoverage {

    private static final long FIRST_CHECK_NANOS = 3_000_000_000L;
    private static final long CHECK_EVERY_NANOS = 5_000_000_000L;
    private static final long REPEAT_EVERY_NANOS = 60_000_000_000L;

    private final Broker broker;
    private final TaskKinds kinds;
    private final PrintWriter err;
    private final long startedAt = System.nanoTime();
    private long checkedAt;
    private long saidAt;
    private String said;

    RunnerCoverage(Broker broker, TaskKinds kinds, PrintWriter err) {
        this.broker = broker;
        this.kinds = kinds;
        this.err = err;
    }

    /** Checks now and then, while waiting for {@code job}; never throws. */
    void check(JobStatus job) {
        long now = System.nanoTime();
        if (job.state().isTerminal() || now - startedAt < FIRST_CHECK_NANOS
                || (checkedAt != 0 && now - checkedAt < CHECK_EVERY_NANOS)) {
            return;
        }
        checkedAt = now;
        Optional<String> problem;
        try {
            problem = problem(broker.runners().live(), job.id().queue(), job.kind(), kinds);
        } catch (BrokerException e) {
            return;
        }
        if (problem.isEmpty()) {
            said = null;
        } else if (!problem.get().equals(said) || now - saidAt > REPEAT_EVERY_NANOS) {
            err.println("submit: " + problem.get() + "; job " + job.id() + " waits for one");
            err.flush();
            said = problem.get();
            saidAt = now;
        }
    }

    /** Why no live runner can run a job of {@code kind} on {@code queue}; empty when one can. */
    static Optional<String> problem(List<RunnerPresence> live, String queue, String kind, TaskKinds known) {
        List<RunnerPresence> serving = live.stream().filter(r -> r.queues().contains(queue)).toList();
        if (serving.isEmpty()) {
            return Optional.of("no live runner serves queue '" + queue + "' (start one: bin/runner --queue " + queue
                    + ")");
        }
        if (serving.stream().anyMatch(r -> r.kindNames().contains(kind))) {
            return Optional.empty();
        }
        TreeSet<String> kinds = new TreeSet<>();
        serving.forEach(r -> kinds.addAll(r.kindNames()));
        String how = known.find(kind).map(TaskKind::runnerHint)
                .orElse("a runner runs a plug-in's kind when started with --plugins DIR holding its jar");
        return Optional.of(serving.size() + (serving.size() == 1 ? " live runner serves" : " live runners serve")
                + " queue '" + queue + "', but none runs kind '" + kind + "' (they run " + String.join(", ", kinds)
                + "; " + how + ")");
    }
}
