package dev.scatter.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One runner cut off from Redis for longer than the lease, then joined again. It runs in a network namespace of
 * its own, reaching Redis over a veth pair; the others run on the host. The tasks are commands that log when they
 * start and end, so the suite sees from outside what ran where and when.
 *
 * <p>Checked: the cut runner stops its own commands once it cannot have renewed their leases (within the lease
 * plus a renewal interval of the cut); their leases are recovered within about one lease of the cut; no task's
 * command ever runs twice at once (give or take a renewal interval, a third of the lease); after the link
 * heals, the cut runner's late results change nothing; and the job's invariant. Recovery: from the cut until
 * the last of the cut runner's leases was recovered. The commands outlast the lease several times over, and the
 * host's runners have threads to spare, so a recovered task starts again at once.
 */
public record NetworkPartition(Duration partition, Duration lease, int tasks, int taskTenths, int hostThreads,
                               Duration timeout) implements FaultCase {

    public static NetworkPartition fast() {
        return new NetworkPartition(Duration.ofSeconds(10), Duration.ofSeconds(3), 12, 120, 8, Duration.ofMinutes(3));
    }

    public static NetworkPartition campaign() {
        return new NetworkPartition(Duration.ofSeconds(40), Duration.ofSeconds(10), 24, 450, 16, Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        return "network partition " + Math.round((double) partition.toMillis() / lease.toMillis()) + "x lease";
    }

    @Override
    public Optional<String> unavailable() {
        return Netns.unavailable();
    }

    @Override
    public CaseResult run() {
        Findings findings = new Findings(name());
        try (Netns ns = Netns.create();
             Lab lab = Lab.around("partition", ChaosRedis.launch(0, ns.hostAddress()));
             CommandTimeline timeline = new CommandTimeline(lab.dir().resolve("timeline.log"))) {
            RunnerLaunch launch = lab.launch(lease).withArgs("--allow-commands", "--workdir", lab.dir().toString());
            int cutSlot = lab.fleet().add("cut", launch.withThreads(2).withRedis(lab.redis().extraUri())
                    .withPrefix(ns.prefix()));
            long cutPid = lab.fleet().runner(cutSlot).pid();
            // The default attempts, not one: a recovered task must run again, even where recovery charges an
            // attempt, for the check that it never runs twice at once to mean anything.
            JobId id = lab.broker().submit(JobSpec.of("cmd", timeline.jobParams(tasks, taskTenths), tasks)
                    .withQueue(lab.queue()));
            JobWatch watch = new JobWatch(lab.broker(), id);
            Duration wait = Duration.ofSeconds(60);
            long deadline = System.nanoTime() + wait.toNanos();
            while (running(timeline, cutPid).size() < 2 && System.nanoTime() < deadline) {
                Pause.millis(20);
            }
            // The host's runners have threads to spare (commands only sleep), so a recovered task starts at once.
            for (int i = 0; i < 2; i++) {
                lab.fleet().add("host-" + i, launch.withThreads(hostThreads));
            }
            watch.backlogUntil(b -> b.ready() == 0, wait);
            long cut = CommandTimeline.nowNanos();
            long cutMono = System.nanoTime();
            ns.cut();
            List<CommandTimeline.Run> atCut = running(timeline, cutPid);
            if (atCut.isEmpty()) {
                findings.violation("the runner in the namespace ran no command when the link was cut");
            }
            findings.detail("commands cut off", atCut.size());
            int recoveredBefore = watch.now().map(s -> (int) s.recovered()).orElse(0);
            Optional<JobStatus> taken = watch.until(s -> s.recovered() >= recoveredBefore + atCut.size()
                    || s.state().isTerminal(), partition);
            Duration toRecover = Duration.ofNanos(System.nanoTime() - cutMono);
            Pause.millis(Math.max(0, partition.toMillis() - (System.nanoTime() - cutMono) / 1_000_000));
            ns.heal();

            Duration recoverBound = lease.plus(lease.dividedBy(2)).plusMillis(1500);
            if (taken.isPresent() && !taken.get().state().isTerminal()) {
                findings.recovery(toRecover);
                findings.check(toRecover.compareTo(recoverBound) <= 0, "the cut runner's leases were recovered "
                        + seconds(toRecover.toNanos()) + " s after the cut, more than about one lease ("
                        + seconds(recoverBound.toNanos()) + " s)");
            } else if (taken.isEmpty()) {
                findings.violation("the cut runner's " + atCut.size() + " leases were not all recovered during the "
                        + partition.toSeconds() + " s partition");
            }
            long stopBound = lease.plus(lease.dividedBy(3)).plusSeconds(1).toNanos();
            for (CommandTimeline.Run run : atCut) {
                CommandTimeline.Run now = timeline.runs().stream().filter(r -> r.pid() == run.pid()).findFirst()
                        .orElse(run);
                long ranOn = (now.end() == null ? CommandTimeline.nowNanos() : now.end()) - cut;
                findings.check(ranOn <= stopBound, "the cut runner kept task " + run.task() + "'s command running "
                        + seconds(ranOn) + " s after the cut (it cannot have renewed its lease after "
                        + seconds(lease.toNanos()) + " s)");
            }

            Optional<JobStatus> end = watch.terminal(timeout);
            Pause.of(lease.multipliedBy(2));  // time for the joined runner's late results to arrive
            Optional<JobStatus> after = watch.now();
            Invariant.check(findings, watch, end, timeout, lease.multipliedBy(2), NetworkPartition::exactResult);
            if (end.isPresent() && after.isPresent()) {
                findings.check(sameOutcome(end.get(), after.get()), "the job changed after the partition healed: "
                        + describe(end.get()) + " became " + describe(after.get()));
            }
            long allowed = lease.dividedBy(3).plusMillis(500).toNanos();
            for (Map.Entry<Integer, Long> e : timeline.overlaps().entrySet()) {
                findings.check(e.getValue() <= allowed, "task " + e.getKey() + "'s command ran twice at once for "
                        + seconds(e.getValue()) + " s");
            }
            findings.detail("runs", timeline.runs().size());
            return lab.result(findings);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<CommandTimeline.Run> running(CommandTimeline timeline, long runnerPid) {
        long now = CommandTimeline.nowNanos();
        List<CommandTimeline.Run> runs = new ArrayList<>();
        for (CommandTimeline.Run r : timeline.runs()) {
            if (r.runnerPid() == runnerPid && r.runningAt(now)) {
                runs.add(r);
            }
        }
        return runs;
    }

    /** Every task's metric counted once, in order: the values 0 to n-1, and no command failed. */
    private static Optional<String> exactResult(JsonNode result, JobStatus status) {
        JsonNode values = result.path("metrics").path("v").path("values");
        List<Integer> got = new ArrayList<>();
        values.forEach(v -> got.add(v.asInt()));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < status.total(); i++) {
            expected.add(i);
        }
        if (!got.equals(expected)) {
            return Optional.of("the tasks' metrics are " + got + ", not 0 to " + (status.total() - 1));
        }
        if (result.path("failedCount").asInt(-1) != 0) {
            return Optional.of(result.path("failedCount").asInt() + " commands failed: " + result.path("failed"));
        }
        return Optional.empty();
    }

    private static boolean sameOutcome(JobStatus a, JobStatus b) {
        return a.state() == b.state() && a.succeeded() == b.succeeded() && a.failed() == b.failed()
                && a.retries() == b.retries() && java.util.Objects.equals(normalized(a.result()), normalized(b.result()));
    }

    private static JsonNode normalized(String result) {
        try {
            return result == null ? null : new ObjectMapper().readTree(result);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(JobStatus s) {
        return s.state().wire() + " (" + s.succeeded() + " counted, " + s.failed() + " quarantined, " + s.retries()
                + " retried)";
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
