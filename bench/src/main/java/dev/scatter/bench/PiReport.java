package dev.scatter.bench;

import static dev.scatter.bench.Fmt.dec;
import static dev.scatter.bench.Fmt.round;
import static dev.scatter.bench.Fmt.whole;

import java.io.PrintStream;
import java.util.List;

/** Writes a {@link PiResult} as a table for people or as one JSON object for scripts. */
final class PiReport {

    private PiReport() {
    }

    static void table(PiResult r, PrintStream out) {
        PiOptions o = r.options();
        int w = r.workers();
        out.println("Scatter pi benchmark: the bare loop against the same job on Scatter");
        out.printf("  redis     %s (%s)%n", r.redisVersion(), r.redisDescription());
        out.printf("  machine   %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf("  workload  %s samples in %s tasks (seed %d); %d runner process%s x %d thread%s%n",
                whole(o.samples()), whole(o.tasks()), r.seed(), o.runners(), o.runners() == 1 ? "" : "es",
                o.threads(), o.threads() == 1 ? "" : "s");
        out.println();
        String row = "  %-6s %9s %12s %11s %13s %11s %12s  %s%n";
        out.printf(row, "pair", "bare (s)", "Scatter (s)", "efficiency", "parallel (s)", "machine's", "Scatter vs", "");
        out.printf(row, "", "1 thread", "", "", w + " threads", "scaling", "parallel", "");
        int i = 1;
        for (PiResult.Pair p : r.pairs()) {
            out.printf(row, i++, dec(p.bareSeconds(), 2), dec(p.scatterSeconds(), 2), dec(p.efficiency(w), 3),
                    dec(p.parallelSeconds(), 2), dec(p.machineScaling(w), 3), dec(p.scatterVsParallel(), 3),
                    p.disturbed() ? "disturbed" : "");
        }
        out.printf(row, "median", dec(r.bareSeconds(), 2), dec(r.scatterSeconds(), 2), dec(r.efficiency(), 3),
                dec(r.parallelSeconds(), 2), dec(r.machineScaling(), 3), dec(r.scatterVsParallel(), 3),
                r.disturbedPairs() == 0 ? "" : r.disturbedPairs() == r.pairs().size()
                        ? "of all pairs (all disturbed)" : "of the undisturbed pairs");
        out.println();
        String where = "  %-6s %9s %9s %9s %11s %9s %8s %8s %8s %9s %8s%n";
        out.printf(where, "pair", "others", "others", "others", "runner CPU", "CPU eff.", "to claim", "tasks",
                "reduce", "to client", "runners");
        out.printf(where, "", "bare", "Scatter", "parallel", "(util.)", "", "(ms)", "(s)", "(ms)", "(ms)", "used");
        i = 1;
        for (PiResult.Pair p : r.pairs()) {
            JobTimeline t = p.timeline();
            out.printf(where, i++, load(p.bareLoad()), load(p.scatterLoad()), load(p.parallelLoad()),
                    p.runnerCpuNanos() < 0 ? "-" : dec(p.runnerUtilization(w), 3),
                    p.runnerCpuNanos() < 0 ? "-" : dec(p.cpuEfficiency(), 3), t.queuedMillis(),
                    dec(t.tasksMillis() / 1000.0, 2), t.reduceMillis(), t.noticedMillis(), p.runnersUsed());
        }
        out.println();
        String fig = "  %-46s %18s   %-12s %s%n";
        out.printf(fig, "figure", "value", "target", "");
        out.printf(fig, "efficiency (median of " + r.counted().size() + " pairs)", dec(r.efficiency(), 3),
                ">= " + PiResult.EFFICIENCY_TARGET, Fmt.verdict(r.targetsMet()));
        out.printf(fig, "bare loop, samples/s per core", whole(r.samplesPerSecPerCore()), "-", "");
        out.printf(fig, "  vs pure Python (" + whole(PiResult.PYTHON_SAMPLES_PER_SEC) + "/s per core)",
                dec(r.speedupVsPython(), 0) + " x", "-", "");
        out.printf(fig, "pi estimate", dec(r.estimate(), 8), "-", "");
        if (r.disturbedPairs() > 0) {
            out.printf("  %d of %d pairs were disturbed (other processes used %s cores or more during a run) and were"
                            + " measured again;%n  the median efficiency of all pairs is %s%n", r.disturbedPairs(),
                    r.pairs().size(), dec(MachineLoad.QUIET_CORES, 2), dec(r.efficiencyAllPairs(), 3));
        }
        out.println();
        out.println("  efficiency = bare / (runners x threads x Scatter); Scatter = submit to result seen.");
        out.println("  parallel = the bare loop on runners x threads threads of this JVM, taking tasks from a shared");
        out.println("  counter (no queue); machine's scaling = bare / (threads x parallel); Scatter vs parallel =");
        out.println("  parallel / Scatter. others = cores' worth of CPU other processes on this machine used meanwhile");
        out.println("  (st = steal). runner CPU (util.) = CPU of the runner processes / (runners x threads x Scatter);");
        out.println("  CPU eff. = bare / CPU of the runner processes. Job timeline from the job hash: submit to first");
        out.println("  claim, first claim to last task settled, reduce queued to settled, settled to the client seeing it.");
        out.println();
        out.println("  " + r.checkMessage());
    }

    /** Other processes' CPU, and the hypervisor's steal when there was any. */
    static String load(MachineLoad.Usage u) {
        if (!u.known()) {
            return "-";
        }
        return u.steal() >= 0.01 ? dec(u.other(), 2) + " +" + dec(u.steal(), 2) + " st" : dec(u.other(), 2);
    }

    static void json(PiResult r, PrintStream out) {
        PiOptions o = r.options();
        int w = r.workers();
        JsonReport.print(new Json("pi", round(r.efficiency(), 4), round(r.bareSeconds(), 3),
                round(r.scatterSeconds(), 3), round(r.parallelSeconds(), 3), round(r.machineScaling(), 4),
                round(r.scatterVsParallel(), 4), Math.round(r.samplesPerSecPerCore()), round(r.speedupVsPython(), 1),
                Math.round(PiResult.PYTHON_SAMPLES_PER_SEC), r.redisVersion(), r.redisDescription(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.samples(),
                o.tasks(), o.runners(), o.threads(), o.repeat(), r.seed(), r.inside(), r.estimate(),
                new Targets(PiResult.EFFICIENCY_TARGET), r.targetsMet(), r.pairs().size(), r.disturbedPairs(),
                round(r.efficiencyAllPairs(), 4), r.checkPassed(), r.checkMessage(),
                r.pairs().stream().map(p -> PairJson.of(p, w)).toList()), out);
    }

    /** The JSON report, field by field. */
    record Json(String benchmark, double efficiency, double bareSeconds, double scatterSeconds,
                double parallelSeconds, double machineScaling, double scatterVsParallel, long samplesPerSecPerCore,
                double speedupVsPython, long pythonSamplesPerSecPerCore, String redisVersion, String redis, int cores,
                String javaVersion, long samples, int tasks, int runners, int threads, int repeat, long seed,
                long inside, double estimate, Targets targets, boolean targetsMet, int pairsMeasured,
                long disturbedPairs, double efficiencyAllPairs, boolean checkPassed, String check,
                List<PairJson> pairs) {
    }

    record Targets(double efficiency) {
    }

    /** One bare/Scatter/parallel pair of runs. */
    record PairJson(double bareSeconds, double scatterSeconds, double parallelSeconds, double efficiency,
                    double machineScaling, double scatterVsParallel, boolean disturbed, double runnerCpuSeconds,
                    double runnerUtilization, double cpuEfficiency, int runnersUsed, long submitToClaimMs,
                    long tasksMs, long reduceMs, long toClientMs, double otherCoresBare, double otherCoresScatter,
                    double otherCoresParallel, double stealCoresScatter) {

        static PairJson of(PiResult.Pair p, int w) {
            JobTimeline t = p.timeline();
            return new PairJson(round(p.bareSeconds(), 3), round(p.scatterSeconds(), 3),
                    round(p.parallelSeconds(), 3), round(p.efficiency(w), 4), round(p.machineScaling(w), 4),
                    round(p.scatterVsParallel(), 4), p.disturbed(),
                    p.runnerCpuNanos() < 0 ? -1 : round(p.runnerCpuNanos() / 1e9, 3), round(p.runnerUtilization(w), 4),
                    round(p.cpuEfficiency(), 4), p.runnersUsed(), t.queuedMillis(), t.tasksMillis(),
                    t.reduceMillis(), t.noticedMillis(), round(p.bareLoad().other(), 3),
                    round(p.scatterLoad().other(), 3), round(p.parallelLoad().other(), 3),
                    round(p.scatterLoad().steal(), 3));
        }
    }
}
