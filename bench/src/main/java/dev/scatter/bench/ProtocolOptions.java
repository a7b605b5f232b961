package dev.scatter.bench;

import dev.scatter.broker.RedisUri;
import dev.scatter.broker.TaskQueue;

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
 * @param help      print the usage and exit
 */
record ProtocolOptions(String redis, boolean json, int tasks, int batch, int consumers, int queues, int minReplicas,
                       boolean help) {

    static final int DEFAULT_TASKS = 1_000_000;
    static final int DEFAULT_BATCH = 500;
    static final int DEFAULT_CONSUMERS = 2;

    static final String USAGE = """
            Usage: bin/bench protocol [--redis URI] [--json] [--batch N] [--consumers N] [--tasks N] [--queues N]

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
              -h, --help       print this help
            """.formatted(TaskQueue.MAX_BATCH, DEFAULT_BATCH, DEFAULT_CONSUMERS, DEFAULT_TASKS);

    static ProtocolOptions parse(String[] args) {
        String redis = null;
        boolean json = false;
        int tasks = DEFAULT_TASKS;
        int batch = DEFAULT_BATCH;
        int consumers = DEFAULT_CONSUMERS;
        int queues = 1;
        int minReplicas = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            // Both "--batch 500" and "--batch=500" are accepted, as most command lines do.
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    return new ProtocolOptions(null, false, tasks, batch, consumers, queues, minReplicas, true);
                }
                case "--json" -> {
                    if (inline != null) {
                        throw new UsageException("--json takes no value");
                    }
                    json = true;
                }
                case "--redis" -> redis = inline != null ? inline : value(args, ++i, name);
                case "--batch" -> batch = number(inline != null ? inline : value(args, ++i, name), name, 1,
                        TaskQueue.MAX_BATCH);
                case "--consumers" -> consumers = number(inline != null ? inline : value(args, ++i, name), name, 1, 64);
                case "--min-replicas" -> minReplicas = number(inline != null ? inline : value(args, ++i, name), name,
                        0, 16);
                case "--queues" -> queues = number(inline != null ? inline : value(args, ++i, name), name, 1, 64);
                case "--tasks" -> tasks = number(inline != null ? inline : value(args, ++i, name), name, 1000,
                        10_000_000);
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + name
                        : "unexpected argument '" + RedisUri.mask(arg) + "'");
            }
        }
        if (redis != null && redis.isBlank()) {
            throw new UsageException("--redis needs a URI");
        }
        // Every queue needs a consumer of its own, or its jobs would never be drained.
        return new ProtocolOptions(redis, json, tasks, batch, Math.max(consumers, queues), queues, minReplicas,
                false);
    }

    private static String value(String[] args, int at, String name) {
        if (at >= args.length || args[at].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[at];
    }

    private static int number(String text, String name, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + text + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
