package dev.scatter.bench;

import static dev.scatter.bench.Fmt.dec;
import static dev.scatter.bench.Fmt.round;
import static dev.scatter.bench.Fmt.whole;

import java.io.PrintStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link PiResult} as a table for people or as one JSON object for scripts. */
final class PiReport {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "pi");
        root.put("efficiency", round(r.efficiency(), 4));
        root.put("bareSeconds", round(r.bareSeconds(), 3));
        root.put("scatterSeconds", round(r.scatterSeconds(), 3));
        root.put("parallelSeconds", round(r.parallelSeconds(), 3));
        root.put("machineScaling", round(r.machineScaling(), 4));
        root.put("scatterVsParallel", round(r.scatterVsParallel(), 4));
        root.put("samplesPerSecPerCore", Math.round(r.samplesPerSecPerCore()));
        root.put("speedupVsPython", round(r.speedupVsPython(), 1));
        root.put("pythonSamplesPerSecPerCore", Math.round(PiResult.PYTHON_SAMPLES_PER_SEC));
        root.put("redisVersion", r.redisVersion());
        root.put("redis", r.redisDescription());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("javaVersion", System.getProperty("java.version"));
        root.put("samples", o.samples());
        root.put("tasks", o.tasks());
        root.put("runners", o.runners());
        root.put("threads", o.threads());
        root.put("repeat", o.repeat());
        root.put("seed", r.seed());
        root.put("inside", r.inside());
        root.put("estimate", r.estimate());
        ObjectNode targets = root.putObject("targets");
        targets.put("efficiency", PiResult.EFFICIENCY_TARGET);
        root.put("targetsMet", r.targetsMet());
        root.put("pairsMeasured", r.pairs().size());
        root.put("disturbedPairs", r.disturbedPairs());
        root.put("efficiencyAllPairs", round(r.efficiencyAllPairs(), 4));
        root.put("checkPassed", r.checkPassed());
        root.put("check", r.checkMessage());
        ArrayNode pairs = root.putArray("pairs");
        for (PiResult.Pair p : r.pairs()) {
            JobTimeline t = p.timeline();
            ObjectNode n = pairs.addObject();
            n.put("bareSeconds", round(p.bareSeconds(), 3));
            n.put("scatterSeconds", round(p.scatterSeconds(), 3));
            n.put("parallelSeconds", round(p.parallelSeconds(), 3));
            n.put("efficiency", round(p.efficiency(w), 4));
            n.put("machineScaling", round(p.machineScaling(w), 4));
            n.put("scatterVsParallel", round(p.scatterVsParallel(), 4));
            n.put("disturbed", p.disturbed());
            n.put("runnerCpuSeconds", p.runnerCpuNanos() < 0 ? -1 : round(p.runnerCpuNanos() / 1e9, 3));
            n.put("runnerUtilization", round(p.runnerUtilization(w), 4));
            n.put("cpuEfficiency", round(p.cpuEfficiency(), 4));
            n.put("runnersUsed", p.runnersUsed());
            n.put("submitToClaimMs", t.queuedMillis());
            n.put("tasksMs", t.tasksMillis());
            n.put("reduceMs", t.reduceMillis());
            n.put("toClientMs", t.noticedMillis());
            n.put("otherCoresBare", round(p.bareLoad().other(), 3));
            n.put("otherCoresScatter", round(p.scatterLoad().other(), 3));
            n.put("otherCoresParallel", round(p.parallelLoad().other(), 3));
            n.put("stealCoresScatter", round(p.scatterLoad().steal(), 3));
        }
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }
}
