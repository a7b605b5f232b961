package dev.scatter.bench;

import static dev.scatter.bench.Fmt.dec;
import static dev.scatter.bench.Fmt.round;
import static dev.scatter.bench.Fmt.whole;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Writes an {@link E2eResult} as a table for people or as one JSON object for scripts. */
final class E2eReport {

    private E2eReport() {
    }

    static void table(E2eResult r, PrintStream out) {
        E2eOptions o = r.options();
        out.println("Scatter end-to-end benchmark: no-op tasks through runner processes");
        out.printf("  redis     %s (%s)%n", r.redisVersion(), r.redisDescription());
        out.printf("  machine   %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf("  workload  %d job%s of %s no-op tasks%s; %s one-task jobs; %d runner process%s x %d thread%s%n",
                r.runs().size(), r.runs().size() == 1 ? "" : "s", whole(o.tasks()),
                o.shards() > 1 ? " in " + o.shards() + " shards" : "", whole(r.latencies().size()),
                o.runners(), o.runners() == 1 ? "" : "es", o.threads(), o.threads() == 1 ? "" : "s");
        out.println();
        String fig = "  %-42s %18s   %-20s %s%n";
        out.printf(fig, "figure", "value", "target", "");
        out.printf(fig, "throughput (median of " + r.counted().size() + " jobs)", whole(r.tasksPerSec()) + " tasks/s",
                ">= " + whole(E2eResult.TASKS_PER_SEC_TARGET) + " tasks/s", Fmt.verdict(r.throughputMet()));
        if (r.hasLatency()) {
            out.printf(fig, "latency of a one-task job, p50", dec(r.latencyPercentile(50), 2) + " ms",
                    "<= " + dec(E2eResult.LATENCY_P50_TARGET_MS, 0) + " ms", Fmt.verdict(r.latencyMet()));
            out.printf(fig, "  p90", dec(r.latencyPercentile(90), 2) + " ms", "-", "");
            out.printf(fig, "  p99", dec(r.latencyPercentile(99), 2) + " ms", "-", "");
            out.printf(fig, "  max", dec(Stats.max(r.latencyMillis()), 2) + " ms", "-", "");
            out.printf(fig, "  back to back (no pause), p50 / p90", dec(r.backToBackPercentile(50), 2) + " / "
                    + dec(r.backToBackPercentile(90), 2) + " ms", "-", "");
        }
        if (r.disturbedRuns() > 0) {
            out.printf("  %d of %d throughput jobs were disturbed (other processes used %s cores or more) and were"
                            + " measured again;%n  the median of all jobs is %s tasks/s%n", r.disturbedRuns(),
                    r.runs().size(), dec(MachineLoad.QUIET_CORES, 2), whole(r.tasksPerSecAllRuns()));
        }
        if (r.hasLatency() && r.latencyLoad().disturbed()) {
            out.printf("  the latency jobs were disturbed: other processes used %s cores meanwhile%n",
                    dec(r.latencyLoad().other(), 2));
        }
        out.println();

        List<E2eResult.Run> runs = r.runs();
        StringBuilder header = new StringBuilder(String.format("  %-44s", "throughput jobs"));
        for (int i = 1; i <= runs.size(); i++) {
            header.append(String.format("%12s", "job " + i));
        }
        out.println(header);
        runRow(out, runs, "submit to result seen (s)", x -> dec(x.seconds(), 2));
        runRow(out, runs, "tasks/s", x -> whole(x.tasksPerSec()));
        runRow(out, runs, "  the submit call (s)", x -> dec(x.submitSeconds(), 3));
        runRow(out, runs, "  submit to first claim (ms)", x -> Long.toString(x.timeline().queuedMillis()));
        runRow(out, runs, "  first claim to last task settled (s)", x -> dec(x.timeline().tasksMillis() / 1000.0, 2));
        runRow(out, runs, "  reduce: queued to settled (ms)", x -> Long.toString(x.timeline().reduceMillis()));
        runRow(out, runs, "  settled to seen by the client (ms)", x -> Long.toString(x.timeline().noticedMillis()));
        runRow(out, runs, "script calls per task", x -> dec((double) x.scriptCalls() / x.tasks(), 4));
        runRow(out, runs, "claims that took tasks (est.)", x -> whole(x.claimCalls()));
        runRow(out, runs, "  tasks per claim", x -> dec(perCall(x.tasks(), x.claimCalls()), 1));
        runRow(out, runs, "settlements (est.)", x -> whole(x.settleCalls()));
        runRow(out, runs, "  tasks per settlement", x -> dec(perCall(x.tasks(), x.settleCalls()), 1));
        runRow(out, runs, "Redis time per task (us)",
                x -> dec((double) x.phase().redis().command("evalsha").usec() / x.tasks(), 2));
        runRow(out, runs, "Redis CPU (cores)", x -> dec(x.phase().redisCpuCores(), 2));
        runRow(out, runs, "runner CPU (cores, all runners)", x -> x.runnerCpuNanos() < 0 ? "-" : dec(x.runnerCpuCores(), 2));
        runRow(out, runs, "client CPU (cores, this JVM)", x -> dec(x.phase().clientCpuCores(), 2));
        runRow(out, runs, "other processes (cores)", x -> PiReport.load(x.load()));
        runRow(out, runs, "counted in the median", x -> (r.counted().contains(x) ? "yes" : "no")
                + (x.load().disturbed() ? " (dist.)" : ""));
        out.println();

        if (r.hasLatency()) {
            List<E2eResult.Latency> l = r.latencies();
            out.printf("  latency: where the time goes, mean of %d jobs (ms; the job's own stamps are whole ms)%n",
                    l.size());
            String lat = "  %-44s %10s%n";
            out.printf(lat, "the submit call", dec(mean(l, E2eResult.Latency::submitMillis), 3));
            out.printf(lat, "submit to first claim", dec(mean(l, x -> x.timeline().queuedMillis()), 2));
            out.printf(lat, "first claim to the task settled", dec(mean(l, x -> x.timeline().tasksMillis()), 2));
            out.printf(lat, "reduce: queued to settled", dec(mean(l, x -> x.timeline().reduceMillis()), 2));
            out.printf(lat, "settled to seen by the client", dec(mean(l, x -> x.timeline().noticedMillis()), 2));
            out.printf(lat, "submit to seen (mean)", dec(Stats.mean(r.latencyMillis()), 2));
            out.printf(lat, "other processes meanwhile (cores)", PiReport.load(r.latencyLoad()));
            out.println();
        }
        out.println("  " + r.checkMessage());
    }

    private static void runRow(PrintStream out, List<E2eResult.Run> runs, String label,
                               Function<E2eResult.Run, String> value) {
        StringBuilder row = new StringBuilder(String.format("  %-44s", label));
        for (E2eResult.Run run : runs) {
            row.append(String.format("%12s", value.apply(run)));
        }
        out.println(row);
    }

    private static double perCall(long tasks, long calls) {
        return calls == 0 ? 0 : (double) tasks / calls;
    }

    private static double mean(List<E2eResult.Latency> latencies, ToDoubleFunction<E2eResult.Latency> f) {
        return latencies.stream().mapToDouble(f).average().orElse(0);
    }

    static void json(E2eResult r, PrintStream out) {
        E2eOptions o = r.options();
        boolean latency = r.hasLatency();
        List<E2eResult.Latency> l = r.latencies();
        JsonReport.print(new Json("e2e", Math.round(r.tasksPerSec()),
                latency ? round(r.latencyPercentile(50), 3) : null, latency ? round(r.latencyPercentile(90), 3) : null,
                latency ? round(r.latencyPercentile(99), 3) : null,
                latency ? round(Stats.max(r.latencyMillis()), 3) : null,
                latency ? round(Stats.mean(r.latencyMillis()), 3) : null,
                latency ? E2eBench.LATENCY_PAUSE_MILLIS : null,
                latency ? round(r.backToBackPercentile(50), 3) : null,
                latency ? round(r.backToBackPercentile(90), 3) : null,
                r.redisVersion(), r.redisDescription(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), o.tasks(), o.shards(), o.runners(), o.threads(), o.repeat(),
                r.latencies().size(), E2eOptions.LATENCY_WARMUP_JOBS, Math.min(o.tasks(), E2eOptions.WARMUP_TASKS),
                new Targets(E2eResult.TASKS_PER_SEC_TARGET, E2eResult.LATENCY_P50_TARGET_MS), r.targetsMet(),
                r.checkPassed(), r.checkMessage(), r.runs().size(), r.disturbedRuns(),
                Math.round(r.tasksPerSecAllRuns()),
                r.runs().stream().map(x -> RunJson.of(x, r.counted().contains(x))).toList(),
                latency ? new Breakdown(round(mean(l, E2eResult.Latency::submitMillis), 3),
                        round(mean(l, x -> x.timeline().queuedMillis()), 3),
                        round(mean(l, x -> x.timeline().tasksMillis()), 3),
                        round(mean(l, x -> x.timeline().reduceMillis()), 3),
                        round(mean(l, x -> x.timeline().noticedMillis()), 3)) : null,
                latency ? round(r.latencyLoad().other(), 3) : null), out);
    }

    /** The JSON report, field by field; the latency figures only when latency was measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Json(String benchmark, long tasksPerSec, Double latencyP50Ms, Double latencyP90Ms, Double latencyP99Ms,
                Double latencyMaxMs, Double latencyMeanMs, Long latencyPauseMs, Double latencyBackToBackP50Ms,
                Double latencyBackToBackP90Ms, String redisVersion, String redis, int cores, String javaVersion,
                int tasks, int shards, int runners, int threads, int repeat, int latencyJobs, int latencyWarmupJobs,
                int warmupTasks, Targets targets, boolean targetsMet, boolean checkPassed, String check,
                int throughputJobsMeasured, long disturbedThroughputJobs, long tasksPerSecAllJobs,
                List<RunJson> throughputJobs, Breakdown latencyBreakdownMeanMs, Double latencyOtherCores) {
    }

    record Targets(long tasksPerSec, double latencyP50Ms) {
    }

    /** One throughput job. */
    record RunJson(double seconds, long tasksPerSec, double submitSeconds, long submitToClaimMs, long tasksMs,
                   long reduceMs, long toClientMs, long scriptCalls, long claimCallsEstimate, long settleCallsEstimate,
                   long hscanCalls, double redisUsecPerTask, double redisCpuCores, double runnerCpuCores,
                   double clientCpuCores, boolean counted, double otherCores, double stealCores) {

        static RunJson of(E2eResult.Run x, boolean counted) {
            return new RunJson(round(x.seconds(), 3), Math.round(x.tasksPerSec()), round(x.submitSeconds(), 4),
                    x.timeline().queuedMillis(), x.timeline().tasksMillis(), x.timeline().reduceMillis(),
                    x.timeline().noticedMillis(), x.scriptCalls(), x.claimCalls(), x.settleCalls(), x.hscanCalls(),
                    round((double) x.phase().redis().command("evalsha").usec() / x.tasks(), 3),
                    round(x.phase().redisCpuCores(), 3), round(x.runnerCpuCores(), 3),
                    round(x.phase().clientCpuCores(), 3), counted, round(x.load().other(), 3),
                    round(x.load().steal(), 3));
        }
    }

    /** Where a one-task job's latency goes, on average. */
    record Breakdown(double submitCall, double submitToClaim, double claimToTaskSettled, double reduce,
                     double settledToClient) {
    }
}
