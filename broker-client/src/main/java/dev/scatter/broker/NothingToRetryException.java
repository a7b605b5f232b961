package dev.scatter.broker;

/** A retry of dead tasks asked of a job that has none to retry: it succeeded or was cancelled. */
public class NothingToRetryException extends BrokerException {

    public NothingToRetryException(JobId id) {
        super("job " + id + " was cancelled or has succeeded: nothing to retry");
    }
}
