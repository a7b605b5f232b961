package dev.scatter.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.DeadTask;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A poison task that ends every runner it touches, among healthy ones, with runners replaced as an orchestrator
 * would. The job has one attempt per task: only the poison task may end up quarantined, after a bounded number of
 * runner deaths, with a reason saying why; every healthy task is counted, exactly as in a fault-free run, and
 * none is charged for dying with the runners the poison task killed; the job ends. Recovery: from submit to the
 * job's end.
 *
 * <p>Modes: {@code exit} ({@code System.exit}: the runner's shutdown hook should report a failed attempt naming
 * the cause), {@code halt} ({@code Runtime.halt}) and {@code kill} (a command sends SIGKILL to its runner).
 */
public record PoisonTask(String mode, int runners, int threads, Duration lease, int tasks, long pauseMillis,
                         Duration timeout) implements FaultCase {

    private static final int POISON = 3;

    public static PoisonTask fast(String mode) {
        return new PoisonTask(mode, 2, 2, Duration.ofSeconds(2), 16, 500, Duration.ofMinutes(3));
    }

    public static PoisonTask campaign(String mode) {
        return new PoisonTask(mode, 3, 2, Duration.ofSeconds(5), 60, 800, Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        return "poison task (" + mode + ")";
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        PiWork work = PiWork.paced(tasks, pauseMillis, PiWork.SEED);
        long[] expected = work.insideByTask();
        try (Lab lab = Lab.start("poison-" + mode)) {
            RunnerLaunch launch = lab.launch(lease).withThreads(threads);
            for (int i = 0; i < runners; i++) {
                lab.fleet().add("r" + i, launch);
            }
            String params = "{\"samples\":" + work.samples() + ",\"seed\":" + work.seed() + ",\"pauseMillis\":"
                    + work.pauseMillis() + ",\"poison\":" + POISON + ",\"mode\":\"" + mode + "\"}";
            JobId id = lab.broker().submit(JobSpec.of("poison", params, tasks).withQueue(lab.queue()).withMaxAttempts(1));
            long submitted = System.nanoTime();
            JobWatch watch = new JobWatch(lab.broker(), id);
            Optional<JobStatus> end = watch.terminal(timeout);
            findings.detail("runner deaths", lab.fleet().deaths());
            if (end.isEmpty()) {
                JobStatus last = watch.now().orElse(null);
                findings.violation("job not terminal after " + timeout.toSeconds() + " s" + (last == null ? ""
                        : ": " + last.state().wire() + ", " + last.succeeded() + " of " + last.total() + " counted, "
                        + last.failed() + " quarantined"));
                return lab.result(findings);
            }
            findings.recovery(Duration.ofNanos(System.nanoTime() - submitted));
            JobStatus status = end.get();
            findings.detail("recovered", status.recovered());
            findings.attemptsCharged(status.retries() + status.failed() - 1);
            findings.check(status.state() == JobState.FAILED, "job ended " + status.state().wire()
                    + ", not failed with its poison task quarantined");
            List<DeadTask> dead = lab.broker().deadTasks(id);
            findings.check(dead.size() == 1 && dead.get(0).index() == POISON, "quarantined: "
                    + dead.stream().map(d -> d.index() + " (" + d.reason() + ": " + d.error() + ")").toList()
                    + ", expected only the poison task " + POISON);
            findings.check(status.retries() == 0, status.retries() + " attempts retried: only the poison task,"
                    + " quarantined at once with one attempt, should have been charged");
            dead.stream().filter(d -> d.index() == POISON).findFirst().ifPresent(d -> checkReason(findings, d));
            findings.exact(checkHealthy(findings, lab, id, expected));
            findings.check(status.succeeded() == tasks - 1, status.succeeded() + " of " + (tasks - 1)
                    + " healthy tasks counted");
            Optional<dev.scatter.broker.QueueBacklog> backlog = watch.drained(lease.multipliedBy(2));
            findings.check(backlog.isPresent() && backlog.get().outstanding() == 0,
                    "left in the queue after the job ended: " + backlog.map(Object::toString).orElse("unreadable"));
            return lab.result(findings);
        }
    }

    /** The reason must say the task ended its runners (exit: name System.exit), not merely that a lease expired. */
    private void checkReason(Findings findings, DeadTask dead) {
        String text = (dead.reason() + " " + dead.error()).toLowerCase(Locale.ROOT);
        if (mode.equals("exit")) {
            findings.check(text.contains("exit"), "the poison task's reason does not name System.exit: "
                    + dead.reason() + ": " + dead.error());
        } else {
            findings.check(text.matches("(?s).*(runner|died|killed|crash).*") && !dead.reason().equals("lease expired"),
                    "the poison task's reason does not say it kept killing its runners: " + dead.reason() + ": "
                            + dead.error());
        }
    }

    private boolean checkHealthy(Findings findings, Lab lab, JobId id, long[] expected) {
        Map<Integer, String> results = lab.broker().partialResults(id, tasks);
        ObjectMapper json = new ObjectMapper();
        int wrong = 0;
        for (int i = 0; i < tasks; i++) {
            if (i == POISON) {
                continue;
            }
            try {
                String r = results.get(i);
                if (r == null || json.readTree(r).path("inside").asLong(-1) != expected[i]) {
                    wrong++;
                }
            } catch (IOException e) {
                wrong++;
            }
        }
        findings.check(wrong == 0, wrong + " healthy tasks without the fault-free count");
        return wrong == 0;
    }
}
