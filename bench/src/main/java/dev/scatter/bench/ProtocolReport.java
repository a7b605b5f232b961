package dev.scatter.bench;

import java.io.PrintStream;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link ProtocolResult} as a table for people or as one JSON object for scripts. */
final class ProtocolReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolReport() {
    }

    static void table(ProtocolResult r, PrintStream out) {
        out.println("Scatter protocol benchmark");
        out.printf("  redis     %s (%s)%n", r.redisVersion(), r.redisDescription());
        out.printf("  machine   %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  workload  %,d no-op tasks in %d jobs of up to %,d; %d consumers, batch %d, lease %d s,"
                        + " min replicas %d%n", r.tasks(), r.jobs(), r.jobTasks(), r.consumers(), r.batch(),
                Consumer.LEASE.toSeconds(), r.minReplicas());
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
        ObjectNode o = JSON.createObjectNode();
        o.put("benchmark", "protocol");
        o.put("submitTasksPerSec", Math.round(r.submitTasksPerSec()));
        o.put("claimCompleteTasksPerSec", Math.round(r.claimCompleteTasksPerSec()));
        o.put("submitJobsPerSec", Math.round(r.submitJobsPerSec()));
        o.put("submitSmallTasksPerSec", Math.round(r.submitSmallTasksPerSec()));
        o.put("redisVersion", r.redisVersion());
        o.put("redis", r.redisDescription());
        o.put("cores", Runtime.getRuntime().availableProcessors());
        o.put("javaVersion", System.getProperty("java.version"));
        o.put("tasks", r.tasks());
        o.put("jobs", r.jobs());
        o.put("jobTasks", r.jobTasks());
        o.put("smallJobs", r.smallJobs());
        o.put("smallJobTasks", r.smallJobTasks());
        o.put("batch", r.batch());
        o.put("consumers", r.consumers());
        o.put("leaseSeconds", Consumer.LEASE.toSeconds());
        o.put("minReplicas", r.minReplicas());
        ObjectNode targets = o.putObject("targets");
        targets.put("submitTasksPerSec", ProtocolResult.SUBMIT_TARGET);
        targets.put("claimCompleteTasksPerSec", ProtocolResult.CLAIM_COMPLETE_TARGET);
        o.put("targetsMet", r.targetsMet());
        o.put("checkPassed", r.checkPassed());
        o.put("check", r.checkMessage());
        ObjectNode phases = o.putObject("phases");
        phase(phases.putObject("submit"), r.submit(), r.jobs(), r.tasks());
        phase(phases.putObject("submitSmall"), r.submitSmall(), r.smallJobs(), (long) r.smallJobs() * r.smallJobTasks());
        ObjectNode drain = phase(phases.putObject("claimComplete"), r.drain(),
                r.counts().claimCalls() + r.counts().completeCalls(), r.tasks());
        drain.put("claimCalls", r.counts().claimCalls());
        drain.put("completeCalls", r.counts().completeCalls());
        drain.put("clientMillisPerClaim", round(millisPerCall(r.counts().claimNanos(), r.counts().claimCalls()), 3));
        drain.put("clientMillisPerComplete",
                round(millisPerCall(r.counts().completeNanos(), r.counts().completeCalls()), 3));
        drain.put("redisCpuUsecPerTask", round(r.drain().redis().cpuSeconds() * 1e6 / r.tasks(), 3));
        var nodes = drain.putArray("nodes");
        r.drain().nodes().forEach((node, stats) -> {
            ObjectNode n = nodes.addObject();
            n.put("node", node);
            n.put("scriptCalls", stats.command("evalsha").calls());
            n.put("redisCpuCores", round(r.drain().redisCpuCores(node), 3));
            n.put("redisCpuUsecPerTask", round(stats.cpuSeconds() * 1e6 / r.tasks(), 3));
        });
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static ObjectNode phase(ObjectNode node, Phase phase, long scriptCalls, long tasks) {
        node.put("seconds", round(phase.seconds(), 3));
        node.put("scriptCalls", scriptCalls);
        node.put("scriptCallsPerTask", round((double) scriptCalls / tasks, 6));
        node.put("redisUsecPerScriptCall", round(usecPerCall(phase), 1));
        node.put("redisUsecPerTask", round(usecPerTask(phase, tasks), 3));
        node.put("redisCpuCores", round(phase.redisCpuCores(), 3));
        node.put("clientCpuCores", round(phase.clientCpuCores(), 3));
        return node;
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
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
