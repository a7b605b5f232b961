package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobState;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit result JOB}. */
@Command(name = "result", mixinStandardHelpOptions = true,
        description = {"Prints a finished job's result.",
            "Exits 0 when the job succeeded, 1 when it failed or was cancelled, 5 while it is still running."})
final class ResultCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    private String job;

    @Override
    public Integer call() {
        JobId id = JobCommandSupport.parse(job);
        try (Session session = Session.connect(root, "result")) {
            JobStatus status = JobCommandSupport.find(session.broker(), id);
            if (!status.state().isTerminal()) {
                throw new CliException(ExitCodes.TIMEOUT, "job " + id + " is " + status.state().wire() + " ("
                        + status.done() + "/" + status.total() + " tasks done): no result yet; 'submit wait " + id
                        + "' waits for it");
            }
            JobLauncher.print(status, root.json, spec.commandLine().getOut());
            return status.state() == JobState.SUCCEEDED ? ExitCodes.OK : ExitCodes.JOB_FAILED;
        }
    }
}
