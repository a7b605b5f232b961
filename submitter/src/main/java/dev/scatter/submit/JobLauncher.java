package dev.scatter.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobSpec;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.cli.RedisSource;
import dev.scatter.task.RunnerSettings;
import dev.scatter.task.TaskKind;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;

/**
 * Submits a job of any kind and, unless told not to, waits for it and prints its result. Everything the kind
 * can check is checked before anything starts, so bad input costs nothing.
 */
final class JobLauncher {

    private JobLauncher() {
    }

    static int launch(SubmitCommand root, String kindName, ObjectNode params, int tasks, JobOptions options,
                      PrintWriter out, PrintWriter err) {
        return launch(root, kindName, params, tasks, options, RunnerSettings.defaults(), out, err);
    }

    /** As above; {@code localSettings} is what runners started in this process may do (commands, say). */
    static int launch(SubmitCommand root, String kindName, ObjectNode params, int tasks, JobOptions options,
                      RunnerSettings localSettings, PrintWriter out, PrintWriter err) {
        TaskKinds builtIn = TaskKinds.load(JobLauncher.class.getClassLoader());
        TaskKind kind = builtIn.find(kindName)
                .orElseThrow(() -> new CliException(ExitCodes.INTERNAL, "task kind " + kindName + " is not built in"));
        return launch(root, kind, kindName, builtIn, params, tasks, options, localSettings, out, err);
    }

    /**
     * The general form: {@code kind} checks the parameters when it is known here (null: the runners will);
     * {@code localKinds} are what runners started in this process run.
     */
    static int launch(SubmitCommand root, TaskKind kind, String kindName, TaskKinds localKinds, ObjectNode params,
                      int tasks, JobOptions options, RunnerSettings localSettings, PrintWriter out, PrintWriter err) {
        boolean local = RedisSource.resolve(root.redis, root.env).isEmpty();
        if (options.noWait && local) {
            throw new CliException(ExitCodes.USAGE, "--no-wait needs a Redis (--redis URI or " + RedisSource.ENV
                    + "): a local job lives only while submit runs");
        }
        if (options.noWait && (options.out != null || options.plot != null)) {
            throw new CliException(ExitCodes.USAGE, "--out and --plot need the result: they cannot go with --no-wait"
                    + " ('submit result JOB --out FILE' writes it later)");
        }
        ResultFiles.check(options.out, options.plot, kindName);
        if (options.reuse) {
            Reuse.check(kindName);
        }
        if (options.dashboard && options.noWait) {
            throw new CliException(ExitCodes.USAGE, "--dashboard serves while submit waits for the job: drop --no-wait"
                    + " (or run 'submit dashboard')");
        }
        LocalDashboard.check(options.dashboardPort);
        ObjectNode prepared = kind == null ? params : kind.prepare(params, tasks);

        try (Session session = Session.forJob(root, options.localRunners, options.queue, localSettings, localKinds,
                err);
             LocalDashboard dashboard = options.dashboard
                     ? LocalDashboard.start(session.broker(), options.queue, options.dashboardPort, err) : null) {
            ObjectNode submitted = options.reuse
                    ? Reuse.apply(session.broker(), options.queue, kindName, prepared, tasks, err) : prepared;
            JobSpec spec = JobSpec.of(kindName, JobJson.write(submitted), tasks).withQueue(options.queue)
                    .withMaxAttempts(options.maxAttempts).withMaxRecoveries(options.maxRecoveries)
                    .withResultTtl(options.ttl);
            options.hooks.beforeSubmit(session.broker());
            JobId id = session.broker().submit(spec);
            if (options.noWait) {
                if (root.json) {
                    out.println(JobJson.write(JobJson.job(session.broker().status(id).orElseThrow())));
                } else {
                    out.println(id);
                }
                return ExitCodes.OK;
            }
            if (!root.json) {
                err.println("submit: job " + id + " submitted: " + tasks + " tasks");
            }
            JobStatus end = new JobWaiter(session.broker(), err, root.env, root.json).await(id, options.timeout);
            options.hooks.afterEnd(end);
            ResultFiles.write(session.broker(), end, options.out, options.plot, root.json, err);
            print(end, root.json, out);
            if (dashboard != null) {
                out.flush();
                dashboard.holdUntilEnter(root.in, err);
            }
            return exitCode(end);
        }
    }

    static void print(JobStatus job, boolean json, PrintWriter out) {
        if (json) {
            out.println(JobJson.write(JobJson.job(job)));
            return;
        }
        String elapsed = job.createdAt() != null && job.finishedAt() != null
                ? " in " + JobText.seconds(java.time.Duration.between(job.createdAt(), job.finishedAt())) : "";
        // A command sweep's tasks succeed when their commands ran, whatever they exited: its result says how they ended.
        boolean commands = "cmd".equals(job.kind()) && job.state() == JobState.SUCCEEDED;
        out.println("job " + job.id() + " (" + job.kind() + ") " + (commands ? "ended" : job.state().wire()) + ": "
                + job.succeeded() + "/" + job.total() + (commands ? " commands ran" : " tasks succeeded") + elapsed);
        if (job.result() != null) {
            out.print(JobText.result(job));
        }
        if (job.error() != null) {
            out.println("error    " + dev.scatter.broker.Excerpt.printable(job.error()));
        }
        if (job.state() == JobState.FAILED) {
            out.println("see      submit dead " + job.id() + "   (then: submit retry " + job.id() + ")");
        }
    }

    /**
     * 0 when the job succeeded, 1 when it failed or was cancelled; and 1 for a command sweep some of whose
     * commands exited non-zero, as GNU parallel and xargs do, so a script notices.
     */
    static int exitCode(JobStatus job) {
        if (job.state() != JobState.SUCCEEDED) {
            return ExitCodes.JOB_FAILED;
        }
        boolean commandsFailed = "cmd".equals(job.kind()) && JobJson.parse(job.result()).path("failedCount").asInt() > 0;
        return commandsFailed ? ExitCodes.JOB_FAILED : ExitCodes.OK;
    }
}
