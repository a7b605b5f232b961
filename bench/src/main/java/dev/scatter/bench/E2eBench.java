package dev.scatter.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.kinds.noop.NoopKind;

/**
 * {@code bin/bench e2e}: no-op tasks end to end through real runner processes. Throughput: one large job, from
 * submit until the client sees its result. Latency: one-task jobs, one at a time, with the runners idle and
 * waiting, each timed from submit until the client (subscribed to the done channel, reading the status) sees
 * it succeeded. Every job must succeed with each task counted once.
 */
final class E2eBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration LATENCY_JOB_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Between two latency jobs: every thread on the path (runners' subscriber, dispatcher, worker and settler
     * threads, Redis, this JVM's subscriber) is back to waiting, as when a job arrives at an idle deployment.
     */
    static final long LATENCY_PAUSE_MILLIS = 10;
    /** Throughput jobs measured at most, per job asked for: disturbed ones are measured again. */
    static final int MAX_RUNS_PER_REPEAT = 2;
    /** Latency phases measured at most: a disturbed one is measured again. */
    static final int MAX_LATENCY_PHASES = 3;

    private final E2eOptions options;
    private final PrintStream progress;

    E2eBench(E2eOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    static int main(String[] args) {
        E2eOptions options = E2eOptions.parse(args);
        if (options.help()) {
            System.out.print(E2eOptions.USAGE);
            return BenchMain.OK;
        }
        E2eResult result = new E2eBench(options, System.err).run();
        if (options.json()) {
            E2eReport.json(result, System.out);
        } else {
            E2eReport.table(result, System.out);
        }
        return result.checkPassed() ? BenchMain.OK : BenchMain.FAILED;
    }

    E2eResult run() {
        return BenchSession.run(options.redis(), progress, this::measure);
    }

    private E2eResult measure(BenchRedis redis, Broker broker, String queue) {
        String version = broker.serverVersion();
        progress.println("Redis " + version + " (" + redis.description() + "), queue " + queue);
        List<String> problems = new ArrayList<>();
        List<E2eResult.Run> runs = new ArrayList<>();
        List<E2eResult.Latency> latencies = new ArrayList<>();
        MachineLoad.Usage latencyLoad = MachineLoad.Usage.UNKNOWN;
        List<E2eResult.Latency> backToBack = new ArrayList<>();
        try (RunnerFleet fleet = RunnerFleet.start(redis, queue, options.runners(), options.threads(), progress)) {
            fleet.awaitReady(broker, redis, queue, Duration.ofSeconds(60));
            MachineLoad load = new MachineLoad(fleet, redis);
            try (JobWatcher watcher = new JobWatcher(broker, redis, queue)) {
                // Warm-up: the runners' JIT compiles the claim, run and settle paths, as in a runner that has
                // been up for a while.
                int warmupTasks = Math.min(options.tasks(), E2eOptions.WARMUP_TASKS);
                progress.printf("warming up: a job of %,d no-op tasks ...%n", warmupTasks);
                throughputJob(broker, redis, watcher, fleet, load, queue, warmupTasks, problems);
                int maxRuns = options.repeat() * MAX_RUNS_PER_REPEAT;
                while (runs.stream().filter(x -> !x.load().disturbed()).count() < options.repeat()
                        && runs.size() < maxRuns) {
                    progress.printf("throughput %d: a job of %,d no-op tasks ...%n", runs.size() + 1, options.tasks());
                    load.awaitQuiet(progress);
                    E2eResult.Run run = throughputJob(broker, redis, watcher, fleet, load, queue, options.tasks(),
                            problems);
                    runs.add(run);
                    progress.printf("  %.2f s: %,.0f tasks/s%s%n", run.seconds(), run.tasksPerSec(),
                            run.load().disturbed() ? String.format("; disturbed (other processes used %.2f cores),"
                                    + " so not counted", run.load().other()) : "");
                }
                if (options.latencyJobs() > 0) {
                    progress.printf("latency: %d warm-up and %d timed one-task jobs, one at a time ...%n",
                            E2eOptions.LATENCY_WARMUP_JOBS, options.latencyJobs());
                    for (int j = 0; j < E2eOptions.LATENCY_WARMUP_JOBS; j++) {
                        latencyJob(broker, redis, watcher, queue, LATENCY_PAUSE_MILLIS, problems);
                    }
                    for (int phase = 1; phase <= MAX_LATENCY_PHASES; phase++) {
                        load.awaitQuiet(progress);
                        latencies.clear();
                        MachineLoad.Snapshot before = load.snapshot();
                        for (int j = 0; j < options.latencyJobs(); j++) {
                            latencies.add(latencyJob(broker, redis, watcher, queue, LATENCY_PAUSE_MILLIS, problems));
                        }
                        latencyLoad = load.between(before, load.snapshot());
                        if (!latencyLoad.disturbed()) {
                            break;
                        }
                        progress.printf("  disturbed (other processes used %.2f cores)%s%n", latencyLoad.other(),
                                phase < MAX_LATENCY_PHASES ? "; measuring again" : "");
                    }
                    // For comparison only: the same jobs back to back, each submitted as soon as the last ended,
                    // when no thread on the path has had time to go idle.
                    progress.printf("latency, for comparison: %d one-task jobs back to back ...%n",
                            options.latencyJobs());
                    for (int j = 0; j < options.latencyJobs(); j++) {
                        backToBack.add(latencyJob(broker, redis, watcher, queue, 0, problems));
                    }
                }
            }
            fleet.stop();
        }
        return new E2eResult(version, redis.description(), options, runs, latencies, latencyLoad, backToBack,
                problems);
    }

    private E2eResult.Run throughputJob(Broker broker, BenchRedis redis, JobWatcher watcher, RunnerFleet fleet,
                                        MachineLoad load, String queue, int tasks, List<String> problems) {
        fleet.checkAlive();
        JobSpec spec = JobSpec.of(NoopKind.NAME, "{}", tasks).withQueue(queue).withResultTtl(Duration.ofHours(1))
                .withShards(options.shards());
        MachineLoad.Snapshot before = load.snapshot();
        Phase.Start start = Phase.start(redis);
        long cpu0 = fleet.cpuNanos();
        long t0 = System.nanoTime();
        JobId id = broker.submit(spec);
        long submitted = System.nanoTime();
        JobStatus status = watcher.await(id, JOB_TIMEOUT);
        long t1 = System.nanoTime();
        long seenAt = System.currentTimeMillis();
        long cpu1 = fleet.cpuNanos();
        Phase phase = start.stop();
        MachineLoad.Usage usage = load.between(before, load.snapshot());
        check(id, status, tasks, problems);
        return new E2eResult.Run(tasks, (t1 - t0) / 1e9, (submitted - t0) / 1e9,
                cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0, phase, JobTimeline.read(redis, id, seenAt), usage);
    }

    private E2eResult.Latency latencyJob(Broker broker, BenchRedis redis, JobWatcher watcher, String queue,
                                         long pauseMillis, List<String> problems) {
        if (pauseMillis > 0) {
            pause(pauseMillis);
        }
        JobSpec spec = JobSpec.of(NoopKind.NAME, "{}", 1).withQueue(queue).withResultTtl(Duration.ofHours(1));
        long t0 = System.nanoTime();
        JobId id = broker.submit(spec);
        long submitted = System.nanoTime();
        JobStatus status = watcher.await(id, LATENCY_JOB_TIMEOUT);
        long t1 = System.nanoTime();
        long seenAt = System.currentTimeMillis();
        check(id, status, 1, problems);
        return new E2eResult.Latency((t1 - t0) / 1e6, (submitted - t0) / 1e6, JobTimeline.read(redis, id, seenAt));
    }

    /** The job succeeded, and its reduce saw every task's result once: {"tasks": N, "completed": N}. */
    private static void check(JobId id, JobStatus status, int tasks, List<String> problems) {
        if (status.state() != JobState.SUCCEEDED || status.succeeded() != tasks || status.failed() != 0) {
            problems.add("job " + id + " ended " + status.state().wire() + " with " + status.succeeded() + " of "
                    + status.total() + " tasks succeeded and " + status.failed() + " failed"
                    + (status.error() == null ? "" : ": " + status.error()));
            return;
        }
        try {
            JsonNode result = JSON.readTree(status.result());
            if (result.path("tasks").asLong(-1) != tasks || result.path("completed").asLong(-1) != tasks) {
                problems.add("job " + id + " of " + tasks + " tasks has the result " + status.result());
            }
        } catch (JsonProcessingException e) {
            problems.add("job " + id + " has an unreadable result: " + status.result());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }
}
