package dev.scatter.chaos;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * A rolling restart: each runner in turn gets SIGTERM, must exit 0 within its drain deadline (plus the
 * hand-back), and is replaced; round after round until the job ends. Tasks outlast the drain deadline, so some
 * are handed back mid-run: handed back, not left to expire, so no lease is recovered and nothing is charged.
 * Recovery: the longest time from a SIGTERM to its runner's exit.
 *
 * @param work  the job: pi, or paced-pi where the machine's cores are scarce
 * @param pause time between one runner's replacement and the next SIGTERM
 */
public record RollingRestart(int runners, int threads, Duration lease, Duration drain, Duration pause, PiWork work,
                             int minRestarts, Duration timeout) implements FaultCase {

    public static RollingRestart fast() {
        return new RollingRestart(3, 2, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMillis(1500),
                PiWork.paced(36, 1500, PiWork.SEED), 3, Duration.ofMinutes(3));
    }

    public static RollingRestart campaign() {
        return new RollingRestart(3, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2),
                PiWork.ofTaskMillis(300, 900, PiWork.SEED), 12, Duration.ofMinutes(15));
    }

    @Override
    public String name() {
        return "SIGTERM rolling restart";
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        work.expectedInside();
        try (Lab lab = Lab.start("rolling")) {
            RunnerLaunch launch = lab.launch(lease).withDrain(drain).withThreads(threads);
            for (int i = 0; i < runners; i++) {
                lab.fleet().add("r" + i, launch);
            }
            JobId id = work.submit(lab.broker(), lab.queue(), 1);
            long submitted = System.nanoTime();
            JobWatch watch = new JobWatch(lab.broker(), id);
            int restarts = 0;
            long longestStop = 0;
            int slot = 0;
            while (watch.terminal(pause).isEmpty() && System.nanoTime() - submitted < timeout.toNanos()) {
                long sent = System.nanoTime();
                int exit = lab.fleet().terminateAndReplace(slot, drain.toSeconds() + 15);
                long took = System.nanoTime() - sent;
                longestStop = Math.max(longestStop, took);
                restarts++;
                findings.check(exit == 0, "a runner exited " + (exit == -1 ? "not at all within the drain deadline + 15 s"
                        : "with code " + exit) + " after SIGTERM");
                slot = (slot + 1) % runners;
            }
            findings.detail("restarts", restarts);
            if (restarts > 0) {
                findings.recovery(Duration.ofNanos(longestStop));
            }
            findings.check(restarts >= minRestarts, "only " + restarts + " restarts before the job ended; it was"
                    + " sized for " + minRestarts);
            Optional<JobStatus> end = watch.terminal(timeout);
            double seconds = (System.nanoTime() - submitted) / 1e9;
            Invariant.check(findings, watch, end, timeout, lease, Invariant.pi(work, seconds));
            end.ifPresent(s -> findings.check(s.recovered() == 0, s.recovered()
                    + " leases had to expire: a runner stopped with SIGTERM hands its tasks back"));
            lab.fleet().checkAlive(findings);
            return lab.result(findings);
        }
    }
}
