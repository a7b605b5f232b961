package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.DurationConverter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code submit wait JOB}. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Waits for a job to end, with a progress bar on a terminal, then prints its result.",
            "Exits with the job's code: 0 succeeded, 1 failed or cancelled. Rides out Redis outages."})
final class WaitCommand implements Callable<Integer> {

    @ParentCommand
    private SubmitCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job id (queue/id for another queue than default).")
    private String job;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop waiting after this long (exit 5; the job goes on).")
    private Duration timeout;

    @Override
    public Integer call() {
        JobId id = JobCommandSupport.parse(job);
        try (Session session = Session.connect(root, "wait")) {
            JobCommandSupport.find(session.broker(), id);
            JobStatus end = new JobWaiter(session.broker(), spec.commandLine().getErr(), root.env, root.json)
                    .await(id, timeout);
            JobLauncher.print(end, root.json, spec.commandLine().getOut());
            return JobLauncher.exitCode(end);
        }
    }
}
