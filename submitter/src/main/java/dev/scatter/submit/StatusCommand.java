package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit status JOB}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a job's state, task counters and, once it has one, its result. Exits 0 whatever the state.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    private String job;

    @Override
    public Integer call() {
        JobId id = JobCommandSupport.parse(job);
        try (Session session = Session.connect(root, "status")) {
            JobStatus status = JobCommandSupport.find(session.broker(), id);
            spec.commandLine().getOut().print(root.json ? JobJson.write(JobJson.job(status)) + "\n" : JobText.status(status));
            return ExitCodes.OK;
        }
    }
}
