package dev.scatter.broker;

/** The job does not exist: it was never submitted to that queue, or it has expired. */
public class JobNotFoundException extends BrokerException {

    public JobNotFoundException(JobId id) {
        super("job " + id + " does not exist (or has expired)");
    }
}
