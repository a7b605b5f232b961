package dev.scatter.chaos;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Redis killed (SIGKILL) mid-job and started again after an outage of a given length, with its append-only file
 * fsynced at every write. Tasks have one attempt each ({@code --max-attempts 1}): the runners stayed alive, so an
 * outage of any length must charge nothing, and results finished during the outage must be kept and counted.
 * The tasks (paced-pi, from half to one and a half times the outage's length) are cut by it in every way: Redis
 * dies just after the first wave of tasks is counted; of the second wave some finish during the outage (their
 * results wait in the runners) and some run on after Redis is back (their leases must still be theirs). One
 * thread per runner and several runners: each runner is a separate chance for a lease to be lost on return. Recovery: from Redis answering again until an idle
 * runner has done a new one-task job ({@link Probe}).
 */
public record RedisOutage(Duration outage, int runners, int threads, Duration lease, int tasks, long pauseMillis,
                          Duration timeout) implements FaultCase {

    /** An outage shorter than the lease (half of it). */
    public static RedisOutage shortFast() {
        return new RedisOutage(Duration.ofSeconds(1), 4, 1, Duration.ofSeconds(2), 8, 8000, Duration.ofMinutes(3));
    }

    /** An outage three times the lease. */
    public static RedisOutage longFast() {
        return new RedisOutage(Duration.ofSeconds(6), 4, 1, Duration.ofSeconds(2), 8, 8000, Duration.ofMinutes(3));
    }

    public static RedisOutage shortCampaign() {
        return new RedisOutage(Duration.ofSeconds(5), 6, 1, Duration.ofSeconds(10), 36, 40_000, Duration.ofMinutes(10));
    }

    public static RedisOutage longCampaign() {
        return new RedisOutage(Duration.ofSeconds(30), 6, 1, Duration.ofSeconds(10), 36, 40_000, Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        double ratio = (double) outage.toMillis() / lease.toMillis();
        return "Redis SIGKILL, outage " + (ratio < 1 ? "0.5" : Long.toString(Math.round(ratio))) + "x lease";
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        PiWork work = PiWork.paced(tasks, pauseMillis, PiWork.SEED).withSpread(0.5);
        work.expectedInside();
        try (Lab lab = Lab.start("outage")) {
            for (int i = 0; i < runners; i++) {
                lab.fleet().add("r" + i, lab.launch(lease).withThreads(threads));
            }
            Probe probe = Probe.start(lab, lease);
            JobId id = work.submit(lab.broker(), lab.queue(), 1);
            long submitted = System.nanoTime();
            JobWatch watch = new JobWatch(lab.broker(), id);
            Optional<JobStatus> before = watch.until(s -> s.succeeded() >= runners * threads || s.state().isTerminal(),
                    Duration.ofSeconds(60).plusMillis(pauseMillis));
            Pause.millis(500);
            if (before.isPresent() && !before.get().state().isTerminal()) {
                lab.redis().kill();
                Pause.of(outage);
                lab.redis().start();
                probe.timeToServe(timeout).ifPresent(findings::recovery);
                findings.detail("counted before the outage", before.get().succeeded());
            } else {
                findings.violation("the job ended or stalled before the fault could be injected");
            }
            Optional<JobStatus> end = watch.terminal(timeout);
            double seconds = (System.nanoTime() - submitted) / 1e9;
            Invariant.check(findings, watch, end, timeout, lease.multipliedBy(2), Invariant.pi(work, seconds));
            lab.fleet().checkAlive(findings);
            return lab.result(findings);
        }
    }
}
