package dev.scatter.chaos;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Redis at its {@code maxmemory} with the {@code noeviction} policy mid-job: a ballast key fills memory until Redis
 * refuses writes (claims, renewals, results) for a while, then is deleted. Tasks have one attempt each: a
 * completion thrown away, or a lease that expired because renewals were refused, would show as a charged
 * attempt. The tasks (paced-pi, from half to one and a half times the fault's length) are cut by it in every
 * way: some finish while Redis refuses writes, some run on after it is freed. Recovery: from the memory freed to the next task counted (or the job's end).
 */
public record RedisOutOfMemory(Duration hold, int runners, int threads, Duration lease, int tasks, long pauseMillis,
                               Duration timeout) implements FaultCase {

    private static final long MAX_MEMORY = 48L * 1024 * 1024;

    public static RedisOutOfMemory fast() {
        return new RedisOutOfMemory(Duration.ofSeconds(6), 2, 2, Duration.ofSeconds(2), 8, 8000, Duration.ofMinutes(3));
    }

    public static RedisOutOfMemory campaign() {
        return new RedisOutOfMemory(Duration.ofSeconds(30), 3, 2, Duration.ofSeconds(10), 36, 40_000,
                Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        return "Redis at maxmemory " + hold.toSeconds() + " s";
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        PiWork work = PiWork.paced(tasks, pauseMillis, PiWork.SEED).withSpread(0.5);
        work.expectedInside();
        try (Lab lab = Lab.around("maxmemory", ChaosRedis.launch(MAX_MEMORY, null))) {
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
                long ballast = lab.redis().fillToMaxMemory();
                findings.detail("ballast MiB", ballast >> 20);
                findings.check(lab.redis().refusesWrites(), "Redis still took writes with the ballast in place");
                Pause.of(hold);
                lab.redis().freeMemory();
                probe.timeToServe(timeout).ifPresent(findings::recovery);
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
