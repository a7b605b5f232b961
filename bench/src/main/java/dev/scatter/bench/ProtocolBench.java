package dev.scatter.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import dev.scatter.broker.Broker;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.ShardQueues;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.broker.QueueBacklog;
import dev.scatter.broker.ReturnCode;
import dev.scatter.broker.TaskQueue;

/**
 * {@code bin/bench protocol}: the cost of the Redis protocol itself, with tasks that do nothing. Submits no-op
 * jobs, then lets consumer threads claim and complete every task, and checks that each job succeeded with each
 * task counted exactly once (a fast but wrong protocol must not pass).
 */
final class ProtocolBench {

    static final int JOB_TASKS = 50_000;
    static final int SMALL_JOBS = 2_000;
    static final int SMALL_JOB_TASKS = 10;
    static final String KIND = "noop";
    static final String PARAMS = "{}";

    private final ProtocolOptions options;
    private final PrintStream progress;

    ProtocolBench(ProtocolOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    static int main(String[] args) {
        ProtocolOptions options = ProtocolOptions.parse(args);
        if (options.help()) {
            System.out.print(ProtocolOptions.USAGE);
            return BenchMain.OK;
        }
        // Progress goes to stderr so that stdout is only the table, or only the JSON object.
        ProtocolResult result = new ProtocolBench(options, System.err).run();
        if (options.json()) {
            ProtocolReport.json(result, System.out);
        } else {
            ProtocolReport.table(result, System.out);
        }
        return result.checkPassed() ? BenchMain.OK : BenchMain.FAILED;
    }

    ProtocolResult run() {
        // Fresh queues per run: a shared Redis may hold other queues, or an earlier run's leftovers.
        String prefix = "bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (BenchRedis redis = BenchRedis.open(options.redis(), progress);
             Broker broker = Broker.connect(redis.uri(), BrokerOptions.DEFAULTS.withMinReplicas(options.minReplicas()))) {
            List<String> names = redis.queueNames(prefix, options.queues());
            // The queues that hold tasks: the queues themselves, or with shards, their shard queues.
            List<String> drained = options.shards() == 1 ? names : names.stream()
                    .flatMap(name -> ShardQueues.names(name, options.shards()).stream()).toList();
            try {
                return measure(redis, broker, names.stream().map(broker::queue).toList(),
                        drained.stream().map(broker::queue).toList());
            } finally {
                // Each queue's keys, and its shard queues' (Cleanup finds them in the queue's shard-queues set).
                names.forEach(name -> Cleanup.queue(redis, name, progress));
            }
        }
    }

    private ProtocolResult measure(BenchRedis redis, Broker broker, List<TaskQueue> queues, List<TaskQueue> drained) {
        String version = broker.serverVersion();
        progress.println("Redis " + version + " (" + redis.description() + "), queues "
                + String.join(",", queues.stream().map(TaskQueue::name).toList())
                + (options.shards() > 1 ? ", each job in " + options.shards() + " shards" : ""));

        // Warm-up: JIT-compile the client paths and load the scripts into Redis before anything is timed. Many
        // small submits, since the 2,000 timed ones are over in a fraction of a second and would include compiling.
        progress.println("warming up ...");
        submitJobs(broker, queues, 4, 5_000);
        submitJobs(broker, queues, 1_000, SMALL_JOB_TASKS);
        drain(broker, drained);

        List<Integer> sizes = jobSizes(options.tasks());
        progress.printf("submitting %,d tasks in %d job(s) ...%n", options.tasks(), sizes.size());
        Phase.Start start = Phase.start(redis);
        List<JobId> jobs = new ArrayList<>(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            jobs.add(broker.submit(JobSpec.of(KIND, PARAMS, sizes.get(i)).withQueue(queues.get(i % queues.size()).name())
                    .withShards(options.shards())));
        }
        Phase submit = start.stop();

        progress.printf("claiming and completing them: %d consumers, batch %d ...%n", options.consumers(),
                options.batch());
        start = Phase.start(redis);
        Consumer.Counts counts = drain(broker, drained);
        Phase drain = start.stop();

        List<String> problems = check(broker, queues, drained, jobs, counts);

        // Small jobs last, so that their tasks are not part of the claim+complete figure; they are deleted unclaimed.
        progress.printf("submitting %,d jobs of %d tasks ...%n", SMALL_JOBS, SMALL_JOB_TASKS);
        start = Phase.start(redis);
        submitJobs(broker, queues, SMALL_JOBS, SMALL_JOB_TASKS);
        Phase submitSmall = start.stop();

        return new ProtocolResult(version, redis.description(), options.tasks(), jobs.size(), JOB_TASKS,
                options.batch(), options.consumers(), SMALL_JOBS, SMALL_JOB_TASKS, submit, submitSmall, drain,
                counts, problems, options.minReplicas(), options.shards());
    }

    /** Jobs of {@link #JOB_TASKS} tasks, the last one smaller when the total is not a multiple. */
    static List<Integer> jobSizes(int tasks) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = tasks; left > 0; left -= JOB_TASKS) {
            sizes.add(Math.min(JOB_TASKS, left));
        }
        return sizes;
    }

    /** {@code count} jobs, round robin over the queues, in shards as asked when they are large enough. */
    private void submitJobs(Broker broker, List<TaskQueue> queues, int count, int tasks) {
        for (int i = 0; i < count; i++) {
            broker.submit(JobSpec.of(KIND, PARAMS, tasks).withQueue(queues.get(i % queues.size()).name())
                    .withShards(tasks >= options.shards() ? options.shards() : 1));
        }
    }

    /** Runs the consumers until the queue is empty; their start is released at once so they race from the start. */
    private Consumer.Counts drain(Broker broker, List<TaskQueue> queues) {
        ExecutorService pool = Executors.newFixedThreadPool(options.consumers());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Consumer.Counts>> running = new ArrayList<>();
            for (int i = 0; i < options.consumers(); i++) {
                running.add(pool.submit(new Consumer(broker, queues.get(i % queues.size()), options.batch(), go)));
            }
            go.countDown();
            Consumer.Counts total = Consumer.Counts.none();
            for (Future<Consumer.Counts> consumer : running) {
                total = total.plus(consumer.get());
            }
            return total;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrokerException failure) {
                throw failure;
            }
            throw new BenchFailure("a consumer failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while consumers ran", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every job succeeded with all of its tasks counted, and every completion was counted exactly once. */
    private List<String> check(Broker broker, List<TaskQueue> queues, List<TaskQueue> drained, List<JobId> jobs,
                               Consumer.Counts counts) {
        List<String> problems = new ArrayList<>();
        for (JobId id : jobs) {
            Optional<JobStatus> status = broker.status(id);
            if (status.isEmpty()) {
                problems.add("job " + id + " is gone");
            } else if (status.get().state() != JobState.SUCCEEDED || status.get().succeeded() != status.get().total()
                    || status.get().failed() != 0) {
                JobStatus s = status.get();
                problems.add("job " + id + " is " + s.state().wire() + " with " + s.succeeded() + " of " + s.total()
                        + " tasks succeeded and " + s.failed() + " failed");
            }
        }
        if (counts.tasks() != options.tasks() || counts.reduces() != jobs.size()) {
            problems.add("completed " + counts.tasks() + " tasks and " + counts.reduces() + " reduces, expected "
                    + options.tasks() + " and " + jobs.size());
        }
        long expected = counts.tasks() + counts.reduces();
        long shardEnds = options.shards() > 1 ? (long) jobs.size() * options.shards() : 0;
        if (counts.code(ReturnCode.COUNTED) + counts.code(ReturnCode.SHARD_ENDED) != expected
                || counts.code(ReturnCode.SHARD_ENDED) != shardEnds
                || counts.codes().size() != (shardEnds > 0 ? 2 : 1)) {
            problems.add(expected + " completions got " + counts.codes() + ", expected all COUNTED"
                    + (shardEnds > 0 ? " but " + shardEnds + " SHARD_ENDED (one a shard)" : ""));
        }
        for (TaskQueue queue : java.util.stream.Stream.concat(queues.stream(), drained.stream()).distinct().toList()) {
            QueueBacklog backlog = queue.backlog();
            if (backlog.ready() != 0 || backlog.inFlight() != 0 || backlog.delayed() != 0 || backlog.malformed() != 0) {
                problems.add("queue " + queue.name() + " is not empty: " + backlog);
            }
        }
        return problems;
    }
}
