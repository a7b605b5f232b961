package dev.scatter.bench;

import picocli.CommandLine.Option;

/**
 * The command line of {@code bin/bench pi}.
 *
 * @param redis   a Redis URI to run against, or null to start a private redis-server
 * @param json    one JSON object on stdout instead of the table
 * @param samples samples of the whole job (and of each bare run)
 * @param tasks   tasks the job is split into (the bare loop runs the same split)
 * @param runners runner processes
 * @param threads threads per runner
 * @param repeat  bare/Scatter pairs measured, one after the other
 * @param help    print the usage and exit
 */
record PiOptions(String redis, boolean json, long samples, int tasks, int runners, int threads, int repeat,
                 boolean help) {

    static final long DEFAULT_SAMPLES = 10_000_000_000L;
    static final int DEFAULT_TASKS = 200;
    static final int DEFAULT_RUNNERS = 2;
    static final int DEFAULT_THREADS = 1;
    static final int DEFAULT_REPEAT = 3;

    static final String USAGE = """
            Usage: bin/bench pi [--samples N] [--tasks N] [--runners N] [--threads N] [--repeat N]
                                [--redis URI] [--json]

            How close Scatter comes to perfect scaling on CPU-bound work. Each pair of runs measures the bare
            sampling loop of the pi kind (PiSampler.countInside over the job's task split and seeds, one thread in
            this JVM), then the same job on Scatter (submit to result; runner processes started beforehand, warmed
            up by a small job, idle), then the same loop on runners x threads threads of this JVM (the machine's own
            scaling, with no queue). Every run must count the same samples inside the circle.
              efficiency = bare time / (runners x threads x Scatter time); 1.0 is perfect scaling
            A run starts once other processes on the machine are quiet; a pair they disturbed anyway is reported,
            measured again (up to twice as many pairs in all) and left out of the medians.

            Options:
              --samples N      samples of the job, 1e6 to 1e13 (default 1e10: about 23 s of one core on
                               an AMD EPYC VM)
              --tasks N        tasks of the job, 1 to 100000 (default %d)
              --runners N      runner processes, 1 to 16 (default %d)
              --threads N      threads per runner, 1 to 64 (default %d)
              --repeat N       undisturbed pairs to measure, 1 to 20 (default %d); medians are reported
              --redis URI      run against this Redis (redis://[[user]:password@]host[:port][/db]); it uses a
                               fresh queue "bench-<random>" and deletes that queue's keys at the end.
                               Default: start a private redis-server (the one on PATH, no AOF) and stop it after.
              --json           print one JSON object instead of the table
              -h, --help       print this help
            """.formatted(DEFAULT_TASKS, DEFAULT_RUNNERS, DEFAULT_THREADS, DEFAULT_REPEAT);

    static PiOptions parse(String[] argv) {
        Line line = BenchCommandLine.parse(new Line(), argv);
        if (line.help) {
            return new PiOptions(null, false, DEFAULT_SAMPLES, DEFAULT_TASKS, DEFAULT_RUNNERS, DEFAULT_THREADS,
                    DEFAULT_REPEAT, true);
        }
        return new PiOptions(BenchCommandLine.uri("--redis", line.redis), line.json,
                BenchCommandLine.longValue("--samples", line.samples, DEFAULT_SAMPLES, 1_000_000, 10_000_000_000_000L),
                BenchCommandLine.intValue("--tasks", line.tasks, DEFAULT_TASKS, 1, 100_000),
                BenchCommandLine.intValue("--runners", line.runners, DEFAULT_RUNNERS, 1, 16),
                BenchCommandLine.intValue("--threads", line.threads, DEFAULT_THREADS, 1, 64),
                BenchCommandLine.intValue("--repeat", line.repeat, DEFAULT_REPEAT, 1, 20), false);
    }

    /** Cores' worth of workers the job runs on. */
    int workers() {
        return runners * threads;
    }

    /** The options as picocli reads them; numbers are read by {@link BenchCommandLine}. */
    private static final class Line {
        @Option(names = {"-h", "--help"}) boolean help;
        @Option(names = "--json", arity = "0") boolean json;
        @Option(names = "--redis") String redis;
        @Option(names = "--samples") String samples;
        @Option(names = "--tasks") String tasks;
        @Option(names = "--runners") String runners;
        @Option(names = "--threads") String threads;
        @Option(names = "--repeat") String repeat;
    }
}
