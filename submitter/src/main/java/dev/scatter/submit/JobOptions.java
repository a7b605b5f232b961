package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.cli.Bounds;
import dev.scatter.cli.DurationConverter;
import dev.scatter.runner.RunnerBounds;
import dev.scatter.runner.RunnerConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every job-running command shares. */
final class JobOptions {

    @Option(names = "--queue", paramLabel = "NAME", converter = Bounds.Queue.class,
            defaultValue = JobId.DEFAULT_QUEUE,
            description = "Queue to submit to. Default: ${DEFAULT-VALUE}.")
    String queue;

    @Option(names = "--no-wait", description = "Print the job id and return at once (needs a Redis).")
    boolean noWait;

    @Option(names = "--local", paramLabel = "N", converter = RunnerBounds.Threads.class,
            description = "Tasks to run at once in this process, 1 to " + RunnerConfig.MAX_THREADS + ": locally,"
                    + " default one per core; with a Redis given, none unless asked.")
    Integer localRunners;

    @Option(names = "--max-attempts", paramLabel = "N", converter = Bounds.Attempts.class,
            defaultValue = "" + JobSpec.DEFAULT_MAX_ATTEMPTS,
            description = "Attempts per task before it is quarantined, 1 to " + JobSpec.MAX_ATTEMPTS_LIMIT
                    + ". Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(names = "--max-recoveries", paramLabel = "N", converter = Bounds.Recoveries.class,
            defaultValue = "" + JobSpec.DEFAULT_MAX_RECOVERIES,
            description = "Times a task may lose its runner (killed, hung, cut off from Redis) before it is quarantined"
                    + " as a task that kills its runners, 0 to " + JobSpec.MAX_ATTEMPTS_LIMIT + "; a lost runner never"
                    + " costs an attempt. Default: ${DEFAULT-VALUE}.")
    int maxRecoveries;

    @Option(names = "--shards", paramLabel = "N", converter = Bounds.Shards.class,
            description = "Split the job's tasks over N queues of their own (shards), 1 to "
                    + dev.scatter.broker.ShardQueues.MAX_SHARDS + ", which Redis Cluster spreads over its masters; one"
                    + " job all the same (status, cancel, retry, one reduce). Default: 1, or as many as a job of more"
                    + " than 1,000,000 tasks needs.")
    Integer shards;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Bounds.Ttl.class, defaultValue = "7d",
            description = "How long the finished job and its result are kept, 1s to 3650d. Default: ${DEFAULT-VALUE}.")
    Duration ttl;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.Positive.class,
            description = "Stop waiting after this long (exit 5; the job goes on). Default: no limit.")
    Duration timeout;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the ended job to FILE, by its extension: .json (the job and its result), .jsonl"
                    + " (a line per task) or .csv (a row per task: parameters, state, duration, metrics).")
    java.nio.file.Path out;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Also draw the result into FILE, PNG or SVG by its extension (pi, sweep and cmd jobs).")
    java.nio.file.Path plot;

    @Option(names = "--reuse",
            description = "Do not run again a task whose kind, parameters and data already have a result in an earlier"
                    + " job of the queue (kept as long as that job): extend a grid and only the new cells run (pi,"
                    + " sweep and cmd jobs; commands only when they exited 0).")
    boolean reuse;

    @Option(names = "--dashboard",
            description = "Serve the web dashboard on 127.0.0.1 while the job runs (its URL is printed first), and"
                    + " after it until Enter or Ctrl-C, so that the result can be looked at.")
    boolean dashboard;

    @Option(names = "--dashboard-port", paramLabel = "N", defaultValue = "8265",
            description = "Port of --dashboard (0, or one in use: any free port). Default: ${DEFAULT-VALUE}.")
    int dashboardPort;

    /** The shards a job of {@code tasks} tasks is split over: as asked, or as many as the per-job cap needs. */
    int shards(int tasks) {
        int cap = dev.scatter.broker.BrokerOptions.DEFAULTS.maxTasksPerJob();
        return shards != null ? shards : (tasks + cap - 1) / cap;
    }
}
