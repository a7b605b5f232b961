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
 * @param consumers consumer threads claiming and completing
 * @param help      print the usage and exit
 */
record ProtocolOptions(String redis, boolean json, int tasks, int batch, int consumers, boolean help) {

    static final int DEFAULT_TASKS = 1_000_000;
    static final int DEFAULT_BATCH = 500;
    static final int DEFAULT_CONSUMERS = 2;

    static final String USAGE = """
            Usage: bin/bench protocol [--redis URI] [--json] [--batch N] [--consumers N] [--tasks N]

            Measures the Redis protocol alone (no task code runs): how fast no-op jobs are submitted, and how fast
            consumers claim and complete their tasks, each task counted exactly once.

            Options:
              --redis URI      run against this Redis (redis://[[user]:password@]host[:port][/db]); it uses a
                               fresh queue "bench-<random>" and deletes that queue's keys at the end.
                               Default: start a private redis-server (the one on PATH, no AOF) and stop it after.
              --json           print one JSON object instead of the table
              --batch N        tasks per claim and per complete, 1 to %d (default %d)
              --consumers N    consumer threads, 1 to 64 (default %d)
              --tasks N        tasks to submit and then claim+complete, 1000 to 10000000 (default %,d)
              -h, --help       print this help
            """.formatted(TaskQueue.MAX_BATCH, DEFAULT_BATCH, DEFAULT_CONSUMERS, DEFAULT_TASKS);

    static ProtocolOptions parse(String[] argv) {
        Line line = BenchCommandLine.parse(new Line(), argv);
        if (line.help) {
            return new ProtocolOptions(null, false, DEFAULT_TASKS, DEFAULT_BATCH, DEFAULT_CONSUMERS, true);
        }
        return new ProtocolOptions(BenchCommandLine.uri("--redis", line.redis), line.json,
                BenchCommandLine.intValue("--tasks", line.tasks, DEFAULT_TASKS, 1000, 10_000_000),
                BenchCommandLine.intValue("--batch", line.batch, DEFAULT_BATCH, 1, TaskQueue.MAX_BATCH),
                BenchCommandLine.intValue("--consumers", line.consumers, DEFAULT_CONSUMERS, 1, 64), false);
    }

    /** The options as picocli reads them; numbers are read by {@link BenchCommandLine}. */
    private static final class Line {
        @Option(names = {"-h", "--help"}) boolean help;
        @Option(names = "--json", arity = "0") boolean json;
        @Option(names = "--redis") String redis;
        @Option(names = "--batch") String batch;
        @Option(names = "--consumers") String consumers;
        @Option(names = "--tasks") String tasks;
    }
}
