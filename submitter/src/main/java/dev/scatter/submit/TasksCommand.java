package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code submit tasks JOB [--failed] [--csv]}. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"Lists a job's tasks, one line each: index, parameters (seed, grid cell, fold), state, the"
            + " attempt that last settled, its duration and runner; for commands the outcome (exit code, timed out,"
            + " not found), metrics and the last lines of stderr. Kept until the job expires.",
            "'submit logs JOB TASK' prints a command task's output."})
final class TasksCommand extends OneJobCommand {

    @Option(names = "--failed", description = "Only tasks that failed: dead, retrying, or a command that did not exit 0.")
    private boolean failedOnly;

    @Option(names = "--csv", description = "CSV on stdout (a column per parameter and per metric) instead of text.")
    private boolean csv;

    @Override
    int run(Session session, JobId id) {
        JobStatus job = JobCommandSupport.find(session.broker(), id);
        if (job.isBroken()) {
            throw JobWaiter.brokenRecord(job);
        }
        List<TaskRow> rows = TaskRow.read(session.broker(), job);
        if (failedOnly) {
            rows = rows.stream().filter(TaskRow::failed).toList();
        }
        if (root.json) {
            out().println(TaskTable.json(rows));
        } else if (csv) {
            out().print(TaskTable.csv(rows));
        } else if (rows.isEmpty()) {
            out().println(failedOnly ? "no failed tasks in job " + id : "job " + id + " has no tasks");
        } else {
            out().print(TaskTable.text(rows));
        }
        return ExitCodes.OK;
    }
}
