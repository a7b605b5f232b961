package dev.scatter.submit;

import dev.scatter.broker.CancelOutcome;
import dev.scatter.broker.JobId;
import dev.scatter.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit cancel JOB}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels a job: its waiting tasks are dropped and its running tasks told to stop.",
            "Exits 0 when cancelled or already ended, 4 when there is no such job."})
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    private String job;

    @Override
    public Integer call() {
        JobId id = JobCommandSupport.parse(job);
        try (Session session = Session.connect(root, "cancel")) {
            CancelOutcome outcome = session.broker().cancel(id);
            if (outcome == CancelOutcome.NOT_FOUND) {
                throw new CliException(ExitCodes.NOT_FOUND, "job " + id + " does not exist (or has expired)");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (root.json) {
                out.println(JobJson.write(JobJson.job(JobCommandSupport.find(session.broker(), id))));
            } else {
                out.println(outcome == CancelOutcome.CANCELLED
                        ? "job " + id + " cancelled"
                        : "job " + id + " had already ended (" + JobCommandSupport.find(session.broker(), id).state().wire() + ")");
            }
            return ExitCodes.OK;
        }
    }
}
