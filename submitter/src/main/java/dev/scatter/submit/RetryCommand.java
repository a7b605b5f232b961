package dev.scatter.submit;

import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.JobId;
import dev.scatter.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit retry JOB}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Gives a job's dead tasks a fresh set of attempts; a failed job runs again.",
            "Follow it with 'submit wait JOB'."})
final class RetryCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    private String job;

    @Override
    public Integer call() {
        JobId id = JobCommandSupport.parse(job);
        try (Session session = Session.connect(root, "retry")) {
            JobCommandSupport.find(session.broker(), id);
            int retried;
            try {
                retried = session.broker().retryDead(id);
            } catch (BrokerUnavailableException | BrokerAuthException e) {
                throw e;
            } catch (BrokerException e) {
                // the job was cancelled or has succeeded: there is nothing to retry
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            if (root.json) {
                spec.commandLine().getOut().println(JobJson.write(JobJson.job(JobCommandSupport.find(session.broker(), id))
                        .put("retried", retried)));
            } else {
                spec.commandLine().getOut().println(retried == 0
                        ? "job " + id + " has no dead tasks"
                        : "job " + id + ": " + retried + " dead task" + (retried == 1 ? "" : "s") + " made ready again");
            }
            return ExitCodes.OK;
        }
    }
}
