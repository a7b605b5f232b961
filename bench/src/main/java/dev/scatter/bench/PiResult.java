package dev.scatter.bench;

import java.util.List;
import java.util.Locale;

/**
 * Everything one run of the pi benchmark measured; {@link PiReport} turns it into the table or JSON.
 *
 * @param inside   samples inside the quarter circle, as the bare loop counted them (every run must agree)
 * @param estimate the job's estimate of pi
 * @param pairs    the bare/Scatter pairs, in the order measured, disturbed ones included
 * @param problems what the checks found wrong; empty when every run counted what the first bare run counted
 */
record PiResult(
        String redisVersion,
        String redisDescription,
        PiOptions options,
        long seed,
        long inside,
        double estimate,
        List<Pair> pairs,
        List<String> problems) {

    static final double EFFICIENCY_TARGET = 0.95;
    /** Samples per second of one core for the pure-Python loop of the classic tutorial. */
    static final double PYTHON_SAMPLES_PER_SEC = 4_000_000;

    /**
     * One round: the bare loop on one thread, then the Scatter job, then the parallel loop (the bare loop on as
     * many threads of this JVM as Scatter has workers, taking tasks from a shared counter: what the machine gives
     * with no queue at all).
     *
     * @param runnerCpuNanos CPU the runner processes used (all their threads) from submit to result; -1 if unknown
     * @param runnersUsed    runners that ran tasks of the job (from its result)
     * @param bareLoad       what other processes (and the hypervisor) took from the machine during the bare run;
     *                       likewise {@code scatterLoad} and {@code parallelLoad}
     */
    record Pair(double bareSeconds, MachineLoad.Usage bareLoad,
                double scatterSeconds, MachineLoad.Usage scatterLoad, long runnerCpuNanos, int runnersUsed,
                JobTimeline timeline,
                double parallelSeconds, MachineLoad.Usage parallelLoad) {

        /** Whether other processes used a noticeable share of the machine during any of the three runs. */
        boolean disturbed() {
            return bareLoad.disturbed() || scatterLoad.disturbed() || parallelLoad.disturbed();
        }

        /** Bare time over the workers' time: 1.0 when the job scales perfectly. */
        double efficiency(int workers) {
            return bareSeconds / (workers * scatterSeconds);
        }

        /** The same for the parallel loop: how well the machine itself scales this work, with no queue. */
        double machineScaling(int workers) {
            return bareSeconds / (workers * parallelSeconds);
        }

        /** Parallel loop time over Scatter time: what Scatter costs beyond the machine's own scaling. */
        double scatterVsParallel() {
            return parallelSeconds / scatterSeconds;
        }

        /** The runners' CPU over what the workers could have used: below 1, workers sat idle (or waited). */
        double runnerUtilization(int workers) {
            return runnerCpuNanos < 0 ? -1 : runnerCpuNanos / 1e9 / (workers * scatterSeconds);
        }

        /** Bare time over the runners' CPU time: below 1, the same work cost more CPU in the runners. */
        double cpuEfficiency() {
            return runnerCpuNanos <= 0 ? -1 : bareSeconds / (runnerCpuNanos / 1e9);
        }
    }

    int workers() {
        return options.workers();
    }

    /**
     * The pairs the figures come from: those no other process disturbed, or all of them when every one was
     * disturbed (the report then says so).
     */
    List<Pair> counted() {
        List<Pair> quiet = pairs.stream().filter(p -> !p.disturbed()).toList();
        return quiet.isEmpty() ? pairs : quiet;
    }

    long disturbedPairs() {
        return pairs.stream().filter(Pair::disturbed).count();
    }

    double bareSeconds() {
        return Stats.median(counted().stream().map(Pair::bareSeconds).toList());
    }

    double scatterSeconds() {
        return Stats.median(counted().stream().map(Pair::scatterSeconds).toList());
    }

    double parallelSeconds() {
        return Stats.median(counted().stream().map(Pair::parallelSeconds).toList());
    }

    /** The median of the counted pairs' efficiencies: each pair's runs are next to each other in time. */
    double efficiency() {
        return Stats.median(counted().stream().map(p -> p.efficiency(workers())).toList());
    }

    /** The same over every pair measured, disturbed or not. */
    double efficiencyAllPairs() {
        return Stats.median(pairs.stream().map(p -> p.efficiency(workers())).toList());
    }

    double machineScaling() {
        return Stats.median(counted().stream().map(p -> p.machineScaling(workers())).toList());
    }

    double scatterVsParallel() {
        return Stats.median(counted().stream().map(Pair::scatterVsParallel).toList());
    }

    double samplesPerSecPerCore() {
        return options.samples() / bareSeconds();
    }

    double speedupVsPython() {
        return samplesPerSecPerCore() / PYTHON_SAMPLES_PER_SEC;
    }

    boolean checkPassed() {
        return problems.isEmpty();
    }

    String checkMessage() {
        return checkPassed()
                ? "checked: " + pairs.size() + (pairs.size() == 1 ? " job" : " jobs") + " succeeded with "
                        + String.format(Locale.ROOT, "%,d", inside) + " samples inside, as every bare and parallel"
                        + " loop counted"
                : "check FAILED: " + String.join("; ", problems);
    }

    boolean targetsMet() {
        return efficiency() >= EFFICIENCY_TARGET;
    }
}
