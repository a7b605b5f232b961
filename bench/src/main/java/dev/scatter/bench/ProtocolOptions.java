package dev.scatter.bench;

import dev.scatter.broker.TaskQueue;
import picocli.CommandLine.Option;

/**
 * The command line of {@code bin/bench protocol}.
 *
 * @param redis     a Redis URI to run against, or null to start a private redis-server
 * @param json      one JSON object on stdout instead of the table
 * @param tasks     tasks submitted (in jobs of {@link ProtocolBench#JOB_TASKS}) and then claimed and completed
 * @param batch     tasks per claim (and per complete)
 * @param consumers consumer threads claiming and completing (at least one per queue)
 * @param queues    queues the jobs are spread over, round robin: under Redis Cluster, on as many masters as can be
 * @param minReplicas replicas each submit and complete waits for (Redis WAIT), as runner --min-replicas does
 * @param shards    1, or the shards each job is split over (submit --shards): under Redis Cluster, one job on
 *                  every master
 * @param help      print the usage and exit
 */
record ProtocolOptions(String redis, boolean json, int tasks, int batch, int consumers, int queues, int minReplicas,
                       int shards, boolean help) {

    static final int DEFAULT_TASKS = 1_000_000;
    static final int DEFAULT_BATCH = 500;
    static final int DEFAULT_CONSUMERS = 2;

    static final String USAGE = """
            Usage: bin/bench protocol [--redis URI] [--json] [--batch N] [--consumers N] [--tasks N] [--queues N]
                                      [--shards N] [--min-replicas N]

            Measures the Redis protocol alone (no task code runs): how fast no-op jobs are submitted, and how fast
            consumers claim and complete their tasks, each task counted exactly once.

            Options:
              --redis URI      run against this Redis (redis://[[user]:password@]host[:port][/db], or
                               redis-cluster://host:port[,host:port...]); it uses fresh queues "bench-<random>"
                               and deletes their keys at the end.
                               Default: start a private redis-server (the one on PATH, no AOF) and stop it after.
              --json           print one JSON object instead of the table
              --batch N        tasks per claim and per complete, 1 to %d (default %d)
              --consumers N    consumer threads, 1 to 64 (default %d)
              --tasks N        tasks to submit and then claim+complete, 1000 to 10000000 (default %,d)
              --min-replicas N each submit and complete waits until N replicas have it (Redis WAIT), as
                               runner --min-replicas does; 0 to 16 (default 0)
              --queues N       spread the jobs over N queues, 1 to 64 (default 1); under a cluster they are
                               placed on as many masters as can be, and the figures are given per master
              --shards N       split every job over N shards (submit --shards), 1 to 64 (default 1): consumers
                               claim from the shard queues, tell each job when a shard ends, and complete its
                               reduce; under a cluster one job's tasks land on every master
              -h, --help       print this help
            """.formatted(TaskQueue.MAX_BATCH, DEFAULT_BATCH, DEFAULT_CONSUMERS, DEFAULT_TASKS);

    static ProtocolOptions parse(String[] argv) {
        Line line = BenchCommandLine.parse(new Line(), argv);
        if (line.help) {
            return new ProtocolOptions(null, false, DEFAULT_TASKS, DEFAULT_BATCH, DEFAULT_CONSUMERS, 1, 0, 1, true);
        }
        int queues = BenchCommandLine.intValue("--queues", line.queues, 1, 1, 64);
        int shards = BenchCommandLine.intValue("--shards", line.shards, 1, 1, 64);
        int consumers = BenchCommandLine.intValue("--consumers", line.consumers, DEFAULT_CONSUMERS, 1, 64);
        // Every queue (every shard queue) needs a consumer of its own, or its tasks would never be drained.
        return new ProtocolOptions(BenchCommandLine.uri("--redis", line.redis), line.json,
                BenchCommandLine.intValue("--tasks", line.tasks, DEFAULT_TASKS, 1000, 10_000_000),
                BenchCommandLine.intValue("--batch", line.batch, DEFAULT_BATCH, 1, TaskQueue.MAX_BATCH),
                Math.max(consumers, queues * shards), queues,
                BenchCommandLine.intValue("--min-replicas", line.minReplicas, 0, 0, 16), shards, false);
    }

    /** The options as picocli reads them; numbers are read by {@link BenchCommandLine}. */
    private static final class Line {
        @Option(names = {"-h", "--help"}) boolean help;
        @Option(names = "--json", arity = "0") boolean json;
        @Option(names = "--redis") String redis;
        @Option(names = "--batch") String batch;
        @Option(names = "--consumers") String consumers;
        @Option(names = "--tasks") String tasks;
        @Option(names = "--queues") String queues;
        @Option(names = "--min-replicas") String minReplicas;
        @Option(names = "--shards") String shards;
    }
}
