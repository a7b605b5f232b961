package dev.scatter.chaos;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Runners whose clocks are wrong, among correct ones (libfaketime). Time must come from Redis, so that hosts'
 * clocks play no part in whose lease has expired.
 *
 * <p>{@link #skewed}: one runner 20 s behind and one 60 s ahead, none dies: no lease may be recovered, nothing
 * charged, and the job's {@code wallSeconds} must be what the suite saw. {@link #deadAhead}: a runner 30 days
 * ahead holds tasks and is killed: its leases must be recovered within about a lease (a lease deadline set by
 * its clock would pin them for 30 days). Recovery there: from the kill to the first lease recovered.
 */
public record ClockSkew(boolean deadRunnerAhead, Duration lease, int tasks, long taskMillis, Duration timeout)
        implements FaultCase {

    private static final long BEHIND = -20;
    private static final long AHEAD = 60;
    private static final long FAR_AHEAD = 30L * 24 * 3600;

    /** With a lease of 3 s, in the fast suite. */
    public static ClockSkew skewedFast() {
        return new ClockSkew(false, Duration.ofSeconds(3), 24, 600, Duration.ofMinutes(3));
    }

    public static ClockSkew deadAheadFast() {
        return new ClockSkew(true, Duration.ofSeconds(3), 24, 600, Duration.ofMinutes(3));
    }

    /** With the default lease of 30 s. */
    public static ClockSkew skewedCampaign() {
        return new ClockSkew(false, Duration.ofSeconds(30), 300, 900, Duration.ofMinutes(15));
    }

    public static ClockSkew deadAheadCampaign() {
        return new ClockSkew(true, Duration.ofSeconds(30), 300, 900, Duration.ofMinutes(15));
    }

    @Override
    public String name() {
        return deadRunnerAhead ? "runner 30 days ahead, killed" : "clocks -20 s and +60 s";
    }

    @Override
    public Optional<String> unavailable() {
        return FakeClock.unavailable();
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        PiWork work = PiWork.ofTaskMillis(tasks, taskMillis, PiWork.SEED);
        work.expectedInside();
        try (Lab lab = Lab.start("clock")) {
            RunnerLaunch correct = lab.launch(lease);
            return deadRunnerAhead ? deadAhead(findings, lab, work, correct) : skewed(findings, lab, work, correct);
        }
    }

    private CaseResult skewed(Findings findings, Lab lab, PiWork work, RunnerLaunch correct) {
        lab.fleet().add("correct-a", correct);
        lab.fleet().add("behind-20s", correct.withEnv(FakeClock.offset(BEHIND)));
        lab.fleet().add("ahead-60s", correct.withEnv(FakeClock.offset(AHEAD)));
        lab.fleet().add("correct-b", correct);
        JobId id = work.submit(lab.broker(), lab.queue(), 1);
        long submitted = System.nanoTime();
        JobWatch watch = new JobWatch(lab.broker(), id);
        Optional<JobStatus> end = watch.terminal(timeout);
        double seconds = (System.nanoTime() - submitted) / 1e9;
        Invariant.check(findings, watch, end, timeout, lease.multipliedBy(2), Invariant.pi(work, seconds));
        end.ifPresent(s -> findings.check(s.recovered() == 0, s.recovered()
                + " leases recovered although no runner died (live leases taken by a clock's say-so)"));
        lab.fleet().checkAlive(findings);
        return lab.result(findings);
    }

    private CaseResult deadAhead(Findings findings, Lab lab, PiWork work, RunnerLaunch correct) {
        int ahead = lab.fleet().add("ahead-30d", correct.withThreads(2).withEnv(FakeClock.offset(FAR_AHEAD)));
        JobId id = work.submit(lab.broker(), lab.queue(), 1);
        long submitted = System.nanoTime();
        JobWatch watch = new JobWatch(lab.broker(), id);
        boolean holds = watch.backlogUntil(b -> b.inFlight() >= 2, Duration.ofSeconds(60))
                .map(b -> b.inFlight() >= 2).orElse(false);
        findings.check(holds, "the runner 30 days ahead never held two tasks");
        lab.fleet().killOnly(ahead);
        long killed = System.nanoTime();
        lab.fleet().add("correct-a", correct);
        lab.fleet().add("correct-b", correct);
        Duration bound = lease.multipliedBy(2).plusSeconds(3);
        Optional<JobStatus> recovered = watch.until(s -> s.recovered() > 0 || s.state().isTerminal(), bound);
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        if (recovered.isEmpty()) {
            // Leases pinned by a clock 30 days ahead: the job would wait for them that long.
            findings.violation("the dead runner's leases were not recovered within " + bound.toSeconds()
                    + " s of its death");
            return lab.result(findings);
        }
        findings.recovery(took);
        Optional<JobStatus> end = watch.terminal(timeout);
        double seconds = (System.nanoTime() - submitted) / 1e9;
        Invariant.check(findings, watch, end, timeout, lease.multipliedBy(2), Invariant.pi(work, seconds));
        return lab.result(findings);
    }
}
