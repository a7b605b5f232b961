package dev.scatter.bench;

import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.ClaimedTask;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.LuaScript;
import dev.scatter.broker.TaskCompletion;
import dev.scatter.broker.TaskFailure;
import dev.scatter.broker.TaskQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.resps.Slowlog;

/**
 * {@code bin/bench stalls}: the longest single call Redis runs, at the protocol's limits, for each operation whose
 * work grows with a job: submitting a job of a million tasks, settling them, reading their results for the
 * reduce, retrying a million dead tasks, and the expiry of a failed job's million-field hashes. While one call
 * runs, every claim, renewal and heartbeat of every runner waits, so none may take long. The figures come from
 * Redis's own SLOWLOG (every call over 1 ms) and its latency monitor (the expiry of keys).
 */
@Command(name = "stalls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The longest call Redis runs for each operation whose work grows with a job, at %n"
                + "1,000,000 tasks: from SLOWLOG (calls over 1 ms) and LATENCY (key expiry).")
final class StallsBench implements java.util.concurrent.Callable<Integer> {

    private static final long SLOWER_THAN_MICROS = 1_000;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Run against this Redis (a fresh queue, deleted at the end). Default: a private redis-server"
                    + " configured as the local mode's (append-only file off).")
    private String redisUri;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "1000000",
            description = "Tasks of the job, and dead tasks retried. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--without-lazyfree",
            description = "Free expired keys in the main thread (lazyfree-lazy-expire no), as a Redis not configured"
                    + " as Scatter's compose, k8s and local-mode files do: for comparison.")
    private boolean withoutLazyfree;

    private final PrintStream progress = System.err;

    static int main(String[] args) {
        return new CommandLine(new StallsBench()).execute(args);
    }

    /** One operation measured: how many calls it took, and the longest. */
    private record Phase(String name, long calls, double longestMillis, String longestCall) {
    }

    @Override
    public Integer call() {
        String queue = "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (BenchRedis redis = BenchRedis.open(redisUri, progress);
             Broker broker = Broker.connect(redis.uri(), BrokerOptions.DEFAULTS)) {
            try {
                progress.println("Redis " + broker.serverVersion() + " (" + redis.description() + "), queue " + queue);
                List<Phase> phases = measure(redis, broker, broker.queue(queue));
                System.out.printf(Locale.ROOT, "%-44s %10s %14s  %s%n", "operation", "calls", "longest call", "which");
                for (Phase p : phases) {
                    System.out.printf(Locale.ROOT, "%-44s %10s %11.2f ms  %s%n", p.name(),
                            p.calls() < 0 ? "-" : String.format(Locale.ROOT, "%,d", p.calls()), p.longestMillis(),
                            p.longestCall());
                }
                return BenchMain.OK;
            } finally {
                redis.deleteQueue(queue);
            }
        }
    }

    private List<Phase> measure(BenchRedis redis, Broker broker, TaskQueue queue) {
        redis.admin().configSet("slowlog-log-slower-than", Long.toString(SLOWER_THAN_MICROS));
        redis.admin().configSet("slowlog-max-len", "4096");
        redis.admin().configSet("latency-monitor-threshold", "1");
        List<Phase> phases = new ArrayList<>();
        String n = String.format(Locale.ROOT, "%,d", tasks);

        start(redis);
        JobId job = broker.submit(JobSpec.of("noop", "{}", tasks).withQueue(queue.name()));
        phases.add(finish(redis, "submit a job of " + n + " tasks", 1));

        start(redis);
        long calls = 0;
        ClaimedTask reduce = null;
        List<ClaimedTask> batch;
        while (!(batch = queue.claim(TaskQueue.MAX_BATCH, Duration.ofMinutes(10), "noop")).isEmpty()) {
            List<TaskCompletion> done = new ArrayList<>(batch.size());
            for (ClaimedTask t : batch) {
                if (t.isReduce()) {
                    reduce = t;
                } else {
                    done.add(new TaskCompletion(t, Integer.toString(t.index())));
                }
            }
            queue.complete(done);
            calls += 2;
        }
        phases.add(finish(redis, "claim and complete them, " + TaskQueue.MAX_BATCH + " a call", calls));
        progress.println("completed " + n + " tasks");

        start(redis);
        for (int i = 0; i < 3; i++) {
            broker.partialResults(job, tasks);
        }
        phases.add(finish(redis, "read their results for the reduce (3 times)", 3L * ((tasks + 1999) / 2000)));
        queue.complete(List.of(new TaskCompletion(reduce, "{}")));

        JobId failing = broker.submit(JobSpec.of("noop", "{}", tasks).withQueue(queue.name()).withMaxAttempts(1));
        failAll(queue);
        progress.println(n + " tasks of a second job quarantined");
        start(redis);
        int retried = broker.retryDead(failing);
        phases.add(finish(redis, "retry " + String.format(Locale.ROOT, "%,d", retried) + " dead tasks",
                (retried + 999) / 1000));

        // Quarantined again, the job ends failed; its million-field hashes are then made to expire at once.
        failAll(queue);
        if (withoutLazyfree) {
            redis.admin().configSet("lazyfree-lazy-expire", "no");
        }
        start(redis);
        for (String key : List.of(queue.keys().job(failing.id()), queue.keys().results(failing.id()),
                queue.keys().dead(failing.id()), queue.keys().returns(failing.id()))) {
            redis.admin().pexpire(key, 1);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (redis.admin().exists(queue.keys().dead(failing.id())) && System.nanoTime() < deadline) {
            sleep(100);
        }
        Phase expiry = finish(redis, "expire a failed job's hashes (" + n + " fields)", -1);
        long cycle = redis.latestLatency("expire-cycle");
        long del = redis.latestLatency("expire-del");
        phases.add(new Phase(expiry.name(), -1, Math.max(expiry.longestMillis(), Math.max(cycle, del)),
                "lazyfree-lazy-expire " + redis.admin().configGet("lazyfree-lazy-expire").get("lazyfree-lazy-expire")
                        + "; latency monitor: expire-cycle " + cycle + " ms, expire-del " + del + " ms"));
        return phases;
    }

    private static void failAll(TaskQueue queue) {
        List<ClaimedTask> batch;
        while (!(batch = queue.claim(TaskQueue.MAX_BATCH, Duration.ofMinutes(10), "noop")).isEmpty()) {
            queue.fail(batch.stream().map(t -> TaskFailure.permanent(t, "a permanent failure of this benchmark"))
                    .toList());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void start(BenchRedis redis) {
        redis.admin().slowlogReset();
        redis.admin().latencyReset();
    }

    /** The longest call in SLOWLOG since {@link #start}, named (a script by its file name). */
    private static Phase finish(BenchRedis redis, String name, long calls) {
        List<Slowlog> log = redis.admin().slowlogGet(4096);
        Slowlog longest = null;
        for (Slowlog entry : log) {
            if (longest == null || entry.getExecutionTime() > longest.getExecutionTime()) {
                longest = entry;
            }
        }
        if (longest == null) {
            return new Phase(name, calls, 0, "no call took 1 ms or more");
        }
        return new Phase(name, calls, longest.getExecutionTime() / 1000.0, describe(longest.getArgs()));
    }

    private static String describe(List<String> args) {
        if (args.isEmpty()) {
            return "?";
        }
        String command = args.get(0).toLowerCase(Locale.ROOT);
        if (command.equals("evalsha") && args.size() > 1) {
            for (LuaScript script : LuaScript.values()) {
                if (script.sha1().equals(args.get(1))) {
                    return "evalsha " + script.fileName();
                }
            }
        }
        return command + (args.size() > 1 ? " " + args.get(1) : "");
    }
}
