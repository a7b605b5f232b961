package dev.scatter.submit;

import dev.scatter.broker.Excerpt;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import dev.scatter.task.TaskKinds;
import java.io.PrintWriter;
import java.time.Duration;

/** What a job's end means to the commands that wait for it or read it: the lines they print and their exit code. */
final class JobEnd {

    private JobEnd() {
    }

    static void print(JobStatus job, SubmitCommand root, PrintWriter out) {
        if (root.json) {
            out.println(JobJson.write(JobJson.job(job)));
            return;
        }
        String elapsed = job.createdAt() != null && job.finishedAt() != null
                ? " in " + JobText.seconds(Duration.between(job.createdAt(), job.finishedAt())) : "";
        // A command sweep's tasks succeed when their commands ran, whatever they exited: its result says how they ended.
        boolean commands = "cmd".equals(job.kind()) && job.state() == JobState.SUCCEEDED;
        out.println("job " + job.id() + " (" + job.kind() + ") " + (commands ? "ended" : job.state().wire()) + ": "
                + job.succeeded() + "/" + job.total() + (commands ? " commands ran" : " tasks succeeded") + elapsed);
        if (job.result() != null) {
            out.print(JobText.result(job, root.kinds));
        }
        if (job.error() != null) {
            out.println("error    " + Excerpt.printable(job.error()));
        }
        if (job.state() == JobState.FAILED) {
            out.println("see      submit dead " + job.id() + "   (then: submit retry " + job.id() + ")");
        }
    }

    /**
     * 0 when the job succeeded, 1 when it failed or was cancelled; and 1 when its kind says the result reports
     * failures (a command sweep some of whose commands exited non-zero), as GNU parallel and xargs do.
     */
    static int exitCode(JobStatus job, TaskKinds kinds) {
        if (job.state() != JobState.SUCCEEDED) {
            return ExitCodes.JOB_FAILED;
        }
        boolean reportsFailure = job.result() != null && kinds.find(job.kind())
                .map(kind -> kind.resultReportsFailure(JobJson.parse(job.result()))).orElse(false);
        return reportsFailure ? ExitCodes.JOB_FAILED : ExitCodes.OK;
    }
}
