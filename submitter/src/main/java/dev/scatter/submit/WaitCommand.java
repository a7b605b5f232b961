package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code submit wait JOB}. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Waits for a job to end, with a progress bar on a terminal, then prints its result.",
            "Exits with the job's code: 0 succeeded, 1 failed or cancelled. Rides out Redis outages."})
final class WaitCommand extends OneJobCommand {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.Positive.class,
            description = "Stop waiting after this long (exit 5; the job goes on).")
    private Duration timeout;

    @Override
    int run(Session session, JobId id) {
        JobCommandSupport.find(session.broker(), id);
        JobStatus end = new JobWaiter(session.broker(), root.kinds, err(), root.env, root.json).await(id, timeout);
        JobEnd.print(end, root, out());
        return JobEnd.exitCode(end, root.kinds);
    }
}
