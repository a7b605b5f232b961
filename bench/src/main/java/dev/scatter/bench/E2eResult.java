package dev.scatter.bench;

import java.util.List;

/**
 * Everything one run of the end-to-end benchmark measured; {@link E2eReport} turns it into the table or JSON.
 *
 * @param runs       the throughput jobs, in the order measured
 * @param latencies  the timed one-task jobs, in the order measured
 * @param latencyLoad what other processes (and the hypervisor) took from the machine while they ran
 * @param backToBack the same one-task jobs with no pause between them, for comparison (not a target)
 * @param problems   what the checks found wrong; empty when every job succeeded with each task counted once
 */
record E2eResult(
        String redisVersion,
        String redisDescription,
        E2eOptions options,
        List<Run> runs,
        List<Latency> latencies,
        MachineLoad.Usage latencyLoad,
        List<Latency> backToBack,
        List<String> problems) {

    static final long TASKS_PER_SEC_TARGET = 50_000;
    static final double LATENCY_P50_TARGET_MS = 5;

    /**
     * One throughput job.
     *
     * @param seconds        submit to result seen
     * @param submitSeconds  the submit call alone (one script pushes every task)
     * @param runnerCpuNanos CPU of the runner processes over {@code seconds}; -1 if unknown
     * @param phase          wall time, this JVM's CPU, and Redis's CPU and command statistics over {@code seconds}
     * @param load           what other processes (and the hypervisor) took from the machine meanwhile
     */
    record Run(int tasks, double seconds, double submitSeconds, long runnerCpuNanos, Phase phase,
               JobTimeline timeline, MachineLoad.Usage load) {

        double tasksPerSec() {
            return tasks / seconds;
        }

        double runnerCpuCores() {
            return runnerCpuNanos < 0 ? -1 : runnerCpuNanos / 1e9 / seconds;
        }

        /** Script calls of every kind (submit, claims, settlements, recovery, renewals, the reduce's reads). */
        long scriptCalls() {
            return phase.redis().command("evalsha").calls();
        }

        /**
         * Claims that took tasks: each makes one ZADD of its leases (up to 2,000, which fit in one); the submit
         * and the job's end make one more each. An estimate on a shared Redis, where others' ZADDs count too.
         */
        long claimCalls() {
            return Math.max(0, phase.redis().command("zadd").calls() - 2);
        }

        /** Settlements that completed tasks: each makes one ZREM of its leases. */
        long settleCalls() {
            return phase.redis().command("zrem").calls();
        }

        /** The reduce reads the partial results with HSCAN, 1,000 at a time. */
        long hscanCalls() {
            return phase.redis().command("hscan").calls();
        }
    }

    /**
     * One timed one-task job.
     *
     * @param millis       submit to the client seeing it succeeded
     * @param submitMillis the submit call alone
     */
    record Latency(double millis, double submitMillis, JobTimeline timeline) {
    }

    /**
     * The throughput jobs the figure comes from: those no other process disturbed, or all of them when every one
     * was disturbed (the report then says so).
     */
    List<Run> counted() {
        List<Run> quiet = runs.stream().filter(r -> !r.load().disturbed()).toList();
        return quiet.isEmpty() ? runs : quiet;
    }

    long disturbedRuns() {
        return runs.stream().filter(r -> r.load().disturbed()).count();
    }

    double tasksPerSec() {
        return Stats.median(counted().stream().map(Run::tasksPerSec).toList());
    }

    double tasksPerSecAllRuns() {
        return Stats.median(runs.stream().map(Run::tasksPerSec).toList());
    }

    boolean hasLatency() {
        return !latencies.isEmpty();
    }

    List<Double> latencyMillis() {
        return latencies.stream().map(Latency::millis).toList();
    }

    double latencyPercentile(double p) {
        return Stats.percentile(latencyMillis(), p);
    }

    double backToBackPercentile(double p) {
        return Stats.percentile(backToBack.stream().map(Latency::millis).toList(), p);
    }

    boolean checkPassed() {
        return problems.isEmpty();
    }

    String checkMessage() {
        return checkPassed()
                ? "checked: every job (warm-ups included) succeeded, its reduce seeing each task's result once"
                : "check FAILED: " + String.join("; ", problems);
    }

    boolean throughputMet() {
        return tasksPerSec() >= TASKS_PER_SEC_TARGET;
    }

    boolean latencyMet() {
        return !hasLatency() || latencyPercentile(50) <= LATENCY_P50_TARGET_MS;
    }

    boolean targetsMet() {
        return throughputMet() && latencyMet();
    }
}
