package dev.scatter.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.kinds.pi.PiKind;
import dev.scatter.kinds.pi.PiSampler;
import dev.scatter.task.StopSignal;

/**
 * {@code bin/bench pi}: how close Scatter comes to perfect scaling on CPU-bound work. Alternates the bare
 * sampling loop (one thread in this JVM, nothing else running in it) with the same job run by runner processes
 * started beforehand, and then with the same loop on as many threads as Scatter has workers (the machine's own
 * scaling, no queue), and checks that all of them count the same samples inside the circle.
 */
final class PiBench {

    /** A fixed seed: every run samples the same points, so every run's count can be checked against the bare one. */
    static final long SEED = 20_240_601L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pairs measured at most, per pair asked for: disturbed pairs are measured again. */
    static final int MAX_PAIRS_PER_REPEAT = 2;

    private final PiOptions options;
    private final PrintStream progress;

    PiBench(PiOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    static int main(String[] args) {
        PiOptions options = PiOptions.parse(args);
        if (options.help()) {
            System.out.print(PiOptions.USAGE);
            return BenchMain.OK;
        }
        if (options.tasks() > options.samples()) {
            throw new UsageException("more tasks (" + options.tasks() + ") than samples (" + options.samples() + ")");
        }
        PiResult result = new PiBench(options, System.err).run();
        if (options.json()) {
            PiReport.json(result, System.out);
        } else {
            PiReport.table(result, System.out);
        }
        return result.checkPassed() ? BenchMain.OK : BenchMain.FAILED;
    }

    PiResult run() {
        return BenchSession.run(options.redis(), progress, this::measure);
    }

    private PiResult measure(BenchRedis redis, Broker broker, String queue) {
        String version = broker.serverVersion();
        progress.println("Redis " + version + " (" + redis.description() + "), queue " + queue);
        try (RunnerFleet fleet = RunnerFleet.start(redis, queue, options.runners(), options.threads(), progress)) {
            fleet.awaitReady(broker, redis, queue, Duration.ofSeconds(60));
            MachineLoad load = new MachineLoad(fleet, redis);
            List<PiResult.Pair> pairs = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long inside = -1;
            try (JobWatcher watcher = new JobWatcher(broker, redis, queue)) {
                warmUp(broker, watcher, queue);
                // A pair that other processes disturbed is measured again, up to twice as many pairs in all.
                int maxPairs = options.repeat() * MAX_PAIRS_PER_REPEAT;
                while (undisturbed(pairs) < options.repeat() && pairs.size() < maxPairs) {
                    int n = pairs.size() + 1;
                    progress.printf("pair %d: bare loop, %,d samples in %,d tasks, one thread ...%n", n,
                            options.samples(), options.tasks());
                    load.awaitQuiet(progress);
                    MachineLoad.Snapshot before = load.snapshot();
                    long t0 = System.nanoTime();
                    long bareInside = bareLoop();
                    double bare = (System.nanoTime() - t0) / 1e9;
                    MachineLoad.Usage bareLoad = load.between(before, load.snapshot());
                    if (inside < 0) {
                        inside = bareInside;
                    } else if (bareInside != inside) {
                        problems.add("bare run " + n + " counted " + bareInside + " inside, the first " + inside);
                    }
                    progress.printf("  %.2f s%s; Scatter job on %d runner%s x %d thread%s ...%n", bare,
                            disturbance(bareLoad), options.runners(), options.runners() == 1 ? "" : "s",
                            options.threads(), options.threads() == 1 ? "" : "s");

                    fleet.checkAlive();
                    load.awaitQuiet(progress);
                    String params = JSON.createObjectNode().put("samples", options.samples()).put("seed", SEED)
                            .toString();
                    // Generous: ten times what perfect scaling would take, and at least two minutes.
                    Duration timeout = Duration.ofSeconds(Math.max(120, (long) (10 * bare / options.workers())));
                    before = load.snapshot();
                    long cpu0 = fleet.cpuNanos();
                    t0 = System.nanoTime();
                    JobId id = broker.submit(JobSpec.of(PiKind.NAME, params, options.tasks()).withQueue(queue)
                            .withResultTtl(Duration.ofHours(1)));
                    JobStatus status = watcher.await(id, timeout);
                    double scatter = (System.nanoTime() - t0) / 1e9;
                    long seenAt = System.currentTimeMillis();
                    long cpu1 = fleet.cpuNanos();
                    MachineLoad.Usage scatterLoad = load.between(before, load.snapshot());
                    JobTimeline timeline = JobTimeline.read(redis, id, seenAt);
                    int runnersUsed = check(id, status, inside, problems);
                    progress.printf("  %.2f s%s: efficiency %.3f; parallel loop on %d threads of this JVM ...%n",
                            scatter, disturbance(scatterLoad), bare / (options.workers() * scatter),
                            options.workers());

                    load.awaitQuiet(progress);
                    before = load.snapshot();
                    t0 = System.nanoTime();
                    long parallelInside = parallelLoop();
                    double parallel = (System.nanoTime() - t0) / 1e9;
                    MachineLoad.Usage parallelLoad = load.between(before, load.snapshot());
                    if (parallelInside != inside) {
                        problems.add("parallel run " + n + " counted " + parallelInside + " inside, the bare loop "
                                + inside);
                    }
                    PiResult.Pair pair = new PiResult.Pair(bare, bareLoad, scatter, scatterLoad,
                            cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0, runnersUsed, timeline, parallel, parallelLoad);
                    pairs.add(pair);
                    progress.printf("  %.2f s%s: the machine's own scaling %.3f%s%n", parallel,
                            disturbance(parallelLoad), pair.machineScaling(options.workers()),
                            pair.disturbed() ? "; the pair was disturbed, so it is not counted" : "");
                }
            }
            fleet.stop();
            return new PiResult(version, redis.description(), options, SEED, inside, 4.0 * inside / options.samples(),
                    pairs, problems);
        }
    }

    private static long undisturbed(List<PiResult.Pair> pairs) {
        return pairs.stream().filter(p -> !p.disturbed()).count();
    }

    private static String disturbance(MachineLoad.Usage usage) {
        return usage.disturbed() ? String.format(" (other processes used %.2f cores)", usage.other()) : "";
    }

    /**
     * Brings this JVM and the runners to the state of a long-running deployment: the bare loop JIT-compiled as a
     * whole method (thousands of calls), and the runners having run a job (claim, run, settle and reduce
     * compiled). The warm-up job has other seeds and a fiftieth of the samples.
     */
    private void warmUp(Broker broker, JobWatcher watcher, String queue) {
        progress.println("warming up: the bare loop, and a small job on the runners ...");
        StopSignal stop = new StopSignal();
        long sink = 0;
        for (int i = 0; i < 3_000; i++) {
            sink += PiSampler.countInside(PiSampler.taskSeed(SEED + 1, i), 50_000, stop);
        }
        if (sink < 0) {
            throw new IllegalStateException("unreachable: a count is never negative");
        }
        long samples = Math.max(options.tasks(), options.samples() / 50);
        String params = JSON.createObjectNode().put("samples", samples).put("seed", SEED + 1).toString();
        JobId id = broker.submit(JobSpec.of(PiKind.NAME, params, options.tasks()).withQueue(queue)
                .withResultTtl(Duration.ofHours(1)));
        JobStatus status = watcher.await(id, Duration.ofMinutes(10));
        if (status.state() != JobState.SUCCEEDED) {
            throw new BenchFailure("the warm-up job " + id + " ended " + status.state().wire()
                    + (status.error() == null ? "" : ": " + status.error()));
        }
    }

    /** The job's samples over the job's task split and seeds, one task after the other, on this thread. */
    private long bareLoop() {
        StopSignal stop = new StopSignal();
        long inside = 0;
        for (int i = 0; i < options.tasks(); i++) {
            inside += task(i, stop);
        }
        return inside;
    }

    private long task(int index, StopSignal stop) {
        return PiSampler.countInside(PiSampler.taskSeed(SEED, index),
                PiSampler.samplesOf(options.samples(), options.tasks(), index), stop);
    }

    /**
     * The same tasks on as many threads as Scatter has workers, each taking the next task from a shared counter:
     * an ideal queue, costing nothing. Timed from the threads' common start to the last one's end.
     */
    private long parallelLoop() {
        int threads = options.workers();
        AtomicInteger next = new AtomicInteger();
        AtomicLong inside = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                StopSignal stop = new StopSignal();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long sum = 0;
                for (int i = next.getAndIncrement(); i < options.tasks(); i = next.getAndIncrement()) {
                    sum += task(i, stop);
                }
                inside.addAndGet(sum);
            }, "scatter-bench-parallel-" + t);
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(Thread::interrupt);
            throw new BenchFailure("interrupted during the parallel loop", e);
        }
        return inside.get();
    }

    /** The job succeeded with every task, and counted what the bare loop counted; returns the runners it used. */
    private int check(JobId id, JobStatus status, long bareInside, List<String> problems) {
        if (status.state() != JobState.SUCCEEDED || status.succeeded() != options.tasks() || status.failed() != 0) {
            problems.add("job " + id + " ended " + status.state().wire() + " with " + status.succeeded() + " of "
                    + status.total() + " tasks succeeded and " + status.failed() + " failed"
                    + (status.error() == null ? "" : ": " + status.error()));
            return 0;
        }
        try {
            JsonNode result = JSON.readTree(status.result());
            long inside = result.path("inside").asLong(-1);
            long samples = result.path("samples").asLong(-1);
            if (inside != bareInside || samples != options.samples()) {
                problems.add("job " + id + " counted " + inside + " of " + samples + " samples inside; the bare loop "
                        + bareInside + " of " + options.samples());
            }
            return result.path("runners").asInt();
        } catch (JsonProcessingException e) {
            problems.add("job " + id + " has an unreadable result: " + status.result());
            return 0;
        }
    }
}
