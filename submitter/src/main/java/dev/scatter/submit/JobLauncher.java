package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.BrokerOptions;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.RedisSource;
import dev.scatter.runner.RunnerConfig;
import dev.scatter.task.JobRequest;
import dev.scatter.task.KindCommand;
import dev.scatter.task.SubmitContext;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;

/**
 * Submits a job of any kind and, unless told not to, waits for it and prints its result. Everything the kind
 * can check is checked before anything starts, so bad input costs nothing.
 */
final class JobLauncher {

    private final SubmitCommand root;
    private final JobOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    JobLauncher(SubmitCommand root, JobOptions options, PrintWriter out, PrintWriter err) {
        this.root = root;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs a kind's own subcommand ({@code submit pi}): asks it for the job, then launches it. */
    int submit(TaskKind kind, KindCommand command) {
        return launch(kind.name(), kind, root.kinds, command.request(context()));
    }

    /**
     * Launches a job: {@code known} checks the parameters when the kind is known here (null: the runners will);
     * {@code localKinds} are what runners started in this process run.
     */
    int launch(String kindName, TaskKind known, TaskKinds localKinds, JobRequest request) {
        if (options.noWait && isLocal()) {
            throw new CliException(ExitCodes.USAGE, "--no-wait needs a Redis (--redis URI or " + RedisSource.ENV
                    + "): a local job lives only while submit runs");
        }
        if (options.noWait && (options.out != null || options.plot != null)) {
            throw new CliException(ExitCodes.USAGE, "--out and --plot need the result: they cannot go with --no-wait"
                    + " ('submit result JOB --out FILE' writes it later)");
        }
        ResultFiles.check(root.kinds, options.out, options.plot, kindName);
        if (options.reuse) {
            Reuse.check(root.kinds, kindName);
        }
        if (options.dashboard && options.noWait) {
            throw new CliException(ExitCodes.USAGE, "--dashboard serves while submit waits for the job: drop --no-wait"
                    + " (or run 'submit dashboard')");
        }
        LocalDashboard.check(options.dashboardPort);
        ObjectNode prepared = known == null ? request.params() : known.prepare(request.params(), request.tasks());
        TaskKinds local = request.localKind() == null ? localKinds : localKinds.with(request.localKind());
        try (Session session = Session.forJob(root, options.localRunners, options.queue,
                request.localTaskTimeout() != null ? request.localTaskTimeout() : RunnerConfig.DEFAULT_TASK_TIMEOUT,
                local, err);
             LocalDashboard dashboard = options.dashboard
                     ? LocalDashboard.start(session.broker(), local, options.queue, options.dashboardPort, err) : null) {
            ObjectNode submitted = options.reuse ? Reuse.apply(session.broker(), options.queue, root.kinds, kindName,
                    prepared, request.tasks(), err) : prepared;
            JobSpec spec = JobSpec.of(kindName, JobJson.write(submitted), request.tasks()).withQueue(options.queue)
                    .withMaxAttempts(options.maxAttempts).withMaxRecoveries(options.maxRecoveries)
                    .withResultTtl(options.ttl).withShards(options.shards(request.tasks()));
            for (byte[] blob : request.blobs()) {
                // Kept twice the job's TTL: tasks may wait in the queue, and dead ones may be retried later.
                session.broker().storeBlob(options.queue, blob, options.ttl.multipliedBy(2));
            }
            // Said once it is true: after the data is stored, never before Redis was reached.
            if (request.note() != null && !root.json) {
                err.println("submit: " + request.note());
            }
            JobId id = session.broker().submit(spec);
            if (options.noWait) {
                out.println(root.json ? JobJson.write(JobJson.job(session.broker().status(id).orElseThrow())) : id);
                return ExitCodes.OK;
            }
            if (!root.json) {
                err.println("submit: job " + id + " submitted: " + request.tasks() + " tasks"
                        + (spec.shards() > 1 ? " in " + spec.shards() + " shards" : ""));
            }
            JobStatus end = new JobWaiter(session.broker(), root.kinds, err, root.env, root.json).await(id, options.timeout);
            if (request.onResult() != null && end.state() == JobState.SUCCEEDED && end.result() != null) {
                request.onResult().accept(JobJson.parse(end.result()));
            }
            ResultFiles.write(session.broker(), root.kinds, end, options.out, options.plot, root.json, err);
            JobEnd.print(end, root, out);
            if (dashboard != null) {
                out.flush();
                dashboard.holdUntilEnter(root.in, err);
            }
            return JobEnd.exitCode(end, root.kinds);
        }
    }

    private boolean isLocal() {
        return RedisSource.resolve(root.redis, root.env).isEmpty();
    }

    /** What a kind's subcommand may know of this command. */
    private SubmitContext context() {
        return new SubmitContext() {
            @Override
            public boolean json() {
                return root.json;
            }

            @Override
            public boolean waits() {
                return !options.noWait;
            }

            @Override
            public boolean runsHere() {
                return options.localRunners != null || isLocal();
            }

            @Override
            public int maxTasks() {
                return BrokerOptions.DEFAULTS.maxTasksPerJob();
            }

            @Override
            public long maxBlobBytes() {
                return BrokerOptions.DEFAULTS.maxBlobBytes();
            }

            @Override
            public void say(String line) {
                if (!root.json) {
                    err.println("submit: " + line);
                }
            }
        };
    }
}
