package dev.scatter.submit;

import dev.scatter.broker.Broker;
import dev.scatter.broker.JobId;
import dev.scatter.broker.JobStatus;
import dev.scatter.cli.ExitCodes;

/** What the commands about one job share: reading its id and finding it. */
final class JobCommandSupport {

    private JobCommandSupport() {
    }

    static JobId parse(String text) {
        try {
            return JobId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage() + " (a job id looks like mh3k2x9a7f2kq, or"
                    + " queue/mh3k2x9a7f2kq on another queue than default)");
        }
    }

    static JobStatus find(Broker broker, JobId id) {
        return broker.status(id).orElseThrow(() ->
                new CliException(ExitCodes.NOT_FOUND, "job " + id + " does not exist (or has expired)"));
    }
}
