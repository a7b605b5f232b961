package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.NothingToRetryException;
import dev.scatter.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code submit retry JOB}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Gives a job's dead tasks a fresh set of attempts; a failed job runs again.",
            "Follow it with 'submit wait JOB'."})
final class RetryCommand extends OneJobCommand {

    @Override
    int run(Session session, JobId id) {
        JobCommandSupport.find(session.broker(), id);
        int retried;
        try {
            retried = session.broker().retryDead(id);
        } catch (NothingToRetryException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (root.json) {
            out().println(JobJson.write(JobJson.job(JobCommandSupport.find(session.broker(), id)).put("retried", retried)));
        } else {
            out().println(retried == 0
                    ? "job " + id + " has no dead tasks"
                    : "job " + id + ": " + retried + " dead task" + (retried == 1 ? "" : "s") + " made ready again");
        }
        return ExitCodes.OK;
    }
}
