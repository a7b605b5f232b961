package dev.scatter.submit;

import dev.scatter.broker.CancelOutcome;
import dev.scatter.broker.JobId;
import dev.scatter.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code submit cancel JOB}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels a job: its waiting tasks are dropped and its running tasks told to stop.",
            "Exits 0 when cancelled or already ended, 4 when there is no such job."})
final class CancelCommand extends OneJobCommand {

    @Override
    int run(Session session, JobId id) {
        CancelOutcome outcome = session.broker().cancel(id);
        if (outcome == CancelOutcome.NOT_FOUND) {
            throw new CliException(ExitCodes.NOT_FOUND, "job " + id + " does not exist (or has expired)");
        }
        if (root.json) {
            out().println(JobJson.write(JobJson.job(JobCommandSupport.find(session.broker(), id))));
        } else {
            out().println(outcome == CancelOutcome.CANCELLED
                    ? "job " + id + " cancelled"
                    : "job " + id + " had already ended (" + JobCommandSupport.find(session.broker(), id).state().wire() + ")");
        }
        return ExitCodes.OK;
    }
}
