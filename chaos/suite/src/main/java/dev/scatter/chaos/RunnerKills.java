package dev.scatter.chaos;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many SIGKILLs during one job: every 1 to 2 s a random runner that has started serving is killed and a
 * replacement started at once, as an orchestrator would, until the job ends. Only started runners are chosen: on a
 * loaded machine a JVM can take longer to start than the kills' interval, and killing runners that never served
 * would only starve the job, not test recovery. Tasks of one attempt each: a recovered lease charged as an attempt
 * would quarantine its task. Recovery: from the last kill to the job's end.
 *
 * @param minKills the job is sized to last at least this many kills
 */
public record RunnerKills(int runners, Duration lease, int tasks, long taskMillis, int minKills, Duration timeout)
        implements FaultCase {

    public static RunnerKills fast() {
        return new RunnerKills(3, Duration.ofSeconds(2), 24, 600, 6, Duration.ofMinutes(3));
    }

    public static RunnerKills campaign() {
        return new RunnerKills(3, Duration.ofSeconds(3), 300, 900, 80, Duration.ofMinutes(15));
    }

    @Override
    public String name() {
        return "runner SIGKILL every 1-2 s";
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        PiWork work = PiWork.ofTaskMillis(tasks, taskMillis, PiWork.SEED);
        work.expectedInside();
        try (Lab lab = Lab.start("kills")) {
            for (int i = 0; i < runners; i++) {
                lab.fleet().add("r" + i, lab.launch(lease));
            }
            JobId id = work.submit(lab.broker(), lab.queue(), 1);
            long submitted = System.nanoTime();
            JobWatch watch = new JobWatch(lab.broker(), id);
            int kills = 0;
            long lastKill = 0;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                Optional<JobStatus> end = watch.terminal(Duration.ofMillis(random.nextLong(1000, 2001)));
                if (end.isPresent() || System.nanoTime() - submitted > timeout.toNanos()) {
                    break;
                }
                List<Integer> serving = new ArrayList<>();
                for (int slot = 0; slot < runners; slot++) {
                    if (lab.fleet().runner(slot).hasStarted()) {
                        serving.add(slot);
                    }
                }
                if (serving.isEmpty()) {
                    continue;
                }
                lab.fleet().killAndReplace(serving.get(random.nextInt(serving.size())));
                kills++;
                lastKill = System.nanoTime();
            }
            Optional<JobStatus> end = watch.terminal(Duration.ZERO);
            double seconds = (System.nanoTime() - submitted) / 1e9;
            findings.detail("kills", kills);
            if (end.isPresent() && lastKill != 0) {
                findings.recovery(Duration.ofNanos(System.nanoTime() - lastKill));
            }
            Invariant.check(findings, watch, end, timeout, lease.multipliedBy(2), Invariant.pi(work, seconds));
            if (findings.violations().isEmpty()) {
                findings.check(kills >= minKills, "only " + kills + " kills before the job ended; it was sized for "
                        + minKills + " (a faster machine: give it more tasks)");
            }
            return lab.result(findings);
        }
    }
}
