package dev.scatter.submit;

import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code submit status JOB}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a job's state, task counters and, once it has one, its result. Exits 0 whatever the state.")
final class StatusCommand extends OneJobCommand {

    @Override
    int run(Session session, JobId id) {
        JobStatus status = JobCommandSupport.find(session.broker(), id);
        out().print(root.json ? JobJson.write(JobJson.job(status)) + "\n" : JobText.status(status, root.kinds));
        return ExitCodes.OK;
    }
}
