package dev.scatter.bench;

import picocli.CommandLine.Option;

/**
 * The command line of {@code bin/bench e2e}.
 *
 * @param redis       a Redis URI to run against, or null to start a private redis-server
 * @param json        one JSON object on stdout instead of the table
 * @param tasks       tasks of each throughput job
 * @param runners     runner processes
 * @param threads     threads per runner
 * @param repeat      throughput jobs measured, one after the other
 * @param latencyJobs one-task jobs timed for the latency figures (after {@link #LATENCY_WARMUP_JOBS}); 0 skips them
 * @param shards      1, or the shards each throughput job is split over (submit --shards)
 * @param help        print the usage and exit
 */
record E2eOptions(String redis, boolean json, int tasks, int runners, int threads, int repeat, int latencyJobs,
                  int shards, boolean help) {

    static final int DEFAULT_TASKS = 500_000;
    static final int DEFAULT_RUNNERS = 2;
    static final int DEFAULT_THREADS = 1;
    static final int DEFAULT_REPEAT = 3;
    static final int DEFAULT_LATENCY_JOBS = 200;
    static final int LATENCY_WARMUP_JOBS = 20;
    /** The warm-up job before the throughput jobs: this many tasks, or the job's size if smaller. */
    static final int WARMUP_TASKS = 50_000;

    static final String USAGE = """
            Usage: bin/bench e2e [--tasks N] [--runners N] [--threads N] [--repeat N] [--latency-jobs N]
                                 [--shards N] [--redis URI] [--json]

            No-op tasks (kind noop) end to end through real runner processes, started beforehand and idle:
              throughput  one job of N tasks, submit to result seen; tasks/s = N / that time (median of the jobs)
              latency     one-task jobs one after another, 10 ms apart (so that every thread on the path is
                          idle again), each timed from submit until the client, waiting as a client does
                          (done channel and status), sees it succeeded: p50, p90, p99; then as many jobs
                          back to back, with no pause, for comparison
            A warm-up comes first: a job of %,d tasks, and %d one-task jobs before the timed ones. Each
            measurement starts once other processes on the machine are quiet; one they disturbed anyway is
            reported and measured again (throughput: up to twice as many jobs in all; latency: up to 3 times).

            Options:
              --tasks N          tasks of each throughput job, 1000 to 1000000 (default %,d)
              --runners N        runner processes, 1 to 16 (default %d)
              --threads N        threads per runner, 1 to 64 (default %d)
              --repeat N         throughput jobs, 1 to 20 (default %d); the median is reported
              --latency-jobs N   one-task jobs timed, 0 to 100000 (default %d); 0 skips the latency part
              --shards N         split each throughput job over N shards (submit --shards), 1 to 64 (default
                                 1): under a cluster, one job's tasks on every master
              --redis URI        run against this Redis (redis://[[user]:password@]host[:port][/db], or
                                 redis-cluster://host:port[,host:port...]); it uses a
                                 fresh queue "bench-<random>" and deletes that queue's keys at the end.
                                 Default: start a private redis-server (the one on PATH, no AOF) and stop it after.
              --json             print one JSON object instead of the table
              -h, --help         print this help
            """.formatted(WARMUP_TASKS, LATENCY_WARMUP_JOBS, DEFAULT_TASKS, DEFAULT_RUNNERS, DEFAULT_THREADS,
            DEFAULT_REPEAT, DEFAULT_LATENCY_JOBS);

    static E2eOptions parse(String[] argv) {
        Line line = BenchCommandLine.parse(new Line(), argv);
        if (line.help) {
            return new E2eOptions(null, false, DEFAULT_TASKS, DEFAULT_RUNNERS, DEFAULT_THREADS, DEFAULT_REPEAT,
                    DEFAULT_LATENCY_JOBS, 1, true);
        }
        return new E2eOptions(BenchCommandLine.uri("--redis", line.redis), line.json,
                BenchCommandLine.intValue("--tasks", line.tasks, DEFAULT_TASKS, 1_000, 1_000_000),
                BenchCommandLine.intValue("--runners", line.runners, DEFAULT_RUNNERS, 1, 16),
                BenchCommandLine.intValue("--threads", line.threads, DEFAULT_THREADS, 1, 64),
                BenchCommandLine.intValue("--repeat", line.repeat, DEFAULT_REPEAT, 1, 20),
                BenchCommandLine.intValue("--latency-jobs", line.latencyJobs, DEFAULT_LATENCY_JOBS, 0, 100_000),
                BenchCommandLine.intValue("--shards", line.shards, 1, 1, 64), false);
    }

    /** The options as picocli reads them; numbers are read by {@link BenchCommandLine}. */
    private static final class Line {
        @Option(names = {"-h", "--help"}) boolean help;
        @Option(names = "--json", arity = "0") boolean json;
        @Option(names = "--redis") String redis;
        @Option(names = "--tasks") String tasks;
        @Option(names = "--runners") String runners;
        @Option(names = "--threads") String threads;
        @Option(names = "--repeat") String repeat;
        @Option(names = "--latency-jobs") String latencyJobs;
        @Option(names = "--shards") String shards;
    }
}
