package dev.scatter.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Writes a {@link ProtocolResult} as a table for people or as one JSON object for scripts. */
final class ProtocolReport {

    private ProtocolReport() {
    }

    static void table(ProtocolResult r, PrintStream out) {
        out.println("Scatter protocol benchmark");
        out.printf("  redis     %s (%s)%n", r.redisVersion(), r.redisDescription());
        out.printf("  machine   %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  workload  %,d no-op tasks in %d jobs of up to %,d; %d consumers, batch %d, lease %d s,"
                        + " min replicas %d%s%n", r.tasks(), r.jobs(), r.jobTasks(), r.consumers(), r.batch(),
                Consumer.LEASE.toSeconds(), r.minReplicas(), r.shards() > 1 ? ", " + r.shards() + " shards a job" : "");
        out.println();
        String row = "  %-42s %20s   %-20s %s%n";
        out.printf(row, "figure", "value", "target", "");
        out.printf(row, "submit (jobs of " + fmt(r.jobTasks()) + " tasks)", fmt(r.submitTasksPerSec()) + " tasks/s",
                ">= " + fmt(ProtocolResult.SUBMIT_TARGET) + " tasks/s",
                verdict(r.submitTasksPerSec(), ProtocolResult.SUBMIT_TARGET));
        out.printf(row, "submit small jobs (" + fmt(r.smallJobs()) + " x " + r.smallJobTasks() + " tasks)",
                fmt(r.submitJobsPerSec()) + " jobs/s", "-", "");
        out.printf(row, "claim+complete (" + r.consumers() + " consumers, batch " + r.batch() + ")",
                fmt(r.claimCompleteTasksPerSec()) + " tasks/s",
                ">= " + fmt(ProtocolResult.CLAIM_COMPLETE_TARGET) + " tasks/s",
                verdict(r.claimCompleteTasksPerSec(), ProtocolResult.CLAIM_COMPLETE_TARGET));
        out.println();

        // Where the time goes: Redis's own accounting next to the client's, per phase.
        String cols = "  %-42s %14s %14s %16s%n";
        long smallTasks = (long) r.smallJobs() * r.smallJobTasks();
        out.printf(cols, "where the time goes", "submit", "small jobs", "claim+complete");
        out.printf(cols, "wall time (s)", dec(r.submit().seconds(), 2), dec(r.submitSmall().seconds(), 2),
                dec(r.drain().seconds(), 2));
        out.printf(cols, "script calls (round trips) per task", dec(r.submitCallsPerTask(), 5),
                dec(r.submitSmallCallsPerTask(), 5), dec(r.drainCallsPerTask(), 5));
        out.printf(cols, "Redis time per script call (us)", dec(usecPerCall(r.submit()), 1),
                dec(usecPerCall(r.submitSmall()), 1), dec(usecPerCall(r.drain()), 1));
        out.printf(cols, "Redis time per task (us)", dec(usecPerTask(r.submit(), r.tasks()), 2),
                dec(usecPerTask(r.submitSmall(), smallTasks), 2), dec(usecPerTask(r.drain(), r.tasks()), 2));
        out.printf(cols, "Redis CPU (cores)", dec(r.submit().redisCpuCores(), 2),
                dec(r.submitSmall().redisCpuCores(), 2), dec(r.drain().redisCpuCores(), 2));
        out.printf(cols, "client CPU (cores)", dec(r.submit().clientCpuCores(), 2),
                dec(r.submitSmall().clientCpuCores(), 2), dec(r.drain().clientCpuCores(), 2));
        out.printf(Locale.ROOT, "  claim+complete: %,d claim and %,d complete calls; the client waits %.2f ms per claim, "
                        + "%.2f ms per complete%n",
                r.counts().claimCalls(), r.counts().completeCalls(), millisPerCall(r.counts().claimNanos(),
                        r.counts().claimCalls()), millisPerCall(r.counts().completeNanos(), r.counts().completeCalls()));
        if (r.drain().nodes().size() > 1) {
            // Each master's share: with queues spread over N masters, each carries about 1/N of the load.
            out.println();
            out.printf(cols, "claim+complete per master", "script calls", "CPU (cores)", "CPU per task (us)");
            r.drain().nodes().forEach((node, stats) -> out.printf(cols, node, fmt(stats.command("evalsha").calls()),
                    dec(r.drain().redisCpuCores(node), 2), dec(stats.cpuSeconds() * 1e6 / r.tasks(), 2)));
        }
        out.println();
        out.println("  " + r.checkMessage());
    }

    static void json(ProtocolResult r, PrintStream out) {
        Consumer.Counts c = r.counts();
        JsonReport.print(new Json("protocol", Math.round(r.submitTasksPerSec()),
                Math.round(r.claimCompleteTasksPerSec()), Math.round(r.submitJobsPerSec()),
                Math.round(r.submitSmallTasksPerSec()), r.redisVersion(), r.redisDescription(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), r.tasks(), r.jobs(),
                r.jobTasks(), r.smallJobs(), r.smallJobTasks(), r.batch(), r.consumers(), Consumer.LEASE.toSeconds(),
                r.minReplicas(), r.shards(), new Targets(ProtocolResult.SUBMIT_TARGET, ProtocolResult.CLAIM_COMPLETE_TARGET), r.targetsMet(),
                r.checkPassed(), r.checkMessage(),
                new Phases(PhaseJson.of(r.submit(), r.jobs(), r.tasks()),
                        PhaseJson.of(r.submitSmall(), r.smallJobs(), (long) r.smallJobs() * r.smallJobTasks()),
                        DrainJson.of(r.drain(), c, r.tasks()))), out);
    }

    /** The JSON report, field by field. */
    record Json(String benchmark, long submitTasksPerSec, long claimCompleteTasksPerSec, long submitJobsPerSec,
                long submitSmallTasksPerSec, String redisVersion, String redis, int cores, String javaVersion,
                int tasks, int jobs, int jobTasks, int smallJobs, int smallJobTasks, int batch, int consumers,
                long leaseSeconds, int minReplicas, int shards, Targets targets, boolean targetsMet, boolean checkPassed, String check,
                Phases phases) {
    }

    record Targets(long submitTasksPerSec, long claimCompleteTasksPerSec) {
    }

    record Phases(PhaseJson submit, PhaseJson submitSmall, DrainJson claimComplete) {
    }

    /** A phase: its time, its script calls, and what Redis and the client spent on it. */
    record PhaseJson(double seconds, long scriptCalls, double scriptCallsPerTask, double redisUsecPerScriptCall,
                     double redisUsecPerTask, double redisCpuCores, double clientCpuCores) {

        static PhaseJson of(Phase phase, long scriptCalls, long tasks) {
            return new PhaseJson(round(phase.seconds(), 3), scriptCalls, round((double) scriptCalls / tasks, 6),
                    round(usecPerCall(phase), 1), round(usecPerTask(phase, tasks), 3),
                    round(phase.redisCpuCores(), 3), round(phase.clientCpuCores(), 3));
        }
    }

    /** The claim-and-complete phase: a phase, and its calls of each kind as the client saw them. */
    record DrainJson(double seconds, long scriptCalls, double scriptCallsPerTask, double redisUsecPerScriptCall,
                     double redisUsecPerTask, double redisCpuCores, double clientCpuCores, long claimCalls,
                     long completeCalls, double clientMillisPerClaim, double clientMillisPerComplete,
                     double redisCpuUsecPerTask, java.util.List<NodeJson> nodes) {

        static DrainJson of(Phase drain, Consumer.Counts c, long tasks) {
            PhaseJson p = PhaseJson.of(drain, c.claimCalls() + c.completeCalls(), tasks);
            java.util.List<NodeJson> nodes = new java.util.ArrayList<>();
            drain.nodes().forEach((node, stats) -> nodes.add(new NodeJson(node, stats.command("evalsha").calls(),
                    round(drain.redisCpuCores(node), 3), round(stats.cpuSeconds() * 1e6 / tasks, 3))));
            return new DrainJson(p.seconds(), p.scriptCalls(), p.scriptCallsPerTask(), p.redisUsecPerScriptCall(),
                    p.redisUsecPerTask(), p.redisCpuCores(), p.clientCpuCores(), c.claimCalls(), c.completeCalls(),
                    round(millisPerCall(c.claimNanos(), c.claimCalls()), 3),
                    round(millisPerCall(c.completeNanos(), c.completeCalls()), 3),
                    round(drain.redis().cpuSeconds() * 1e6 / tasks, 3), nodes);
        }
    }

    /** One Redis node's share of the claim-and-complete phase (one entry without a cluster). */
    record NodeJson(String node, long scriptCalls, double redisCpuCores, double redisCpuUsecPerTask) {
    }

    /** Average time Redis spent in one script call (EVALSHA, including the commands the script runs). */
    private static double usecPerCall(Phase phase) {
        return phase.redis().command("evalsha").usecPerCall();
    }

    private static double usecPerTask(Phase phase, long tasks) {
        return (double) phase.redis().command("evalsha").usec() / tasks;
    }

    private static double millisPerCall(long nanos, long calls) {
        return calls == 0 ? 0 : nanos / 1e6 / calls;
    }

    private static String verdict(double value, long target) {
        return value >= target ? "met" : "MISSED";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String dec(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static double round(double value, int decimals) {
        return Fmt.round(value, decimals);
    }
}
