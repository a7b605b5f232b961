package dev.scatter.cli;

import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.InvalidJobException;
import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.broker.JobNotFoundException;
import dev.scatter.task.InvalidParametersException;

/**
 * The exit codes of {@code submit} and {@code runner}, listed in each command's --help and in the README
 * (a test keeps the three in step).
 */
public final class ExitCodes {

    /** Success: the command did what was asked; for a job, it succeeded. */
    public static final int OK = 0;
    /** The job failed or was cancelled. */
    public static final int JOB_FAILED = 1;
    /** Bad command line or bad input: nothing was done. */
    public static final int USAGE = 2;
    /** Redis cannot be reached (or what answers is not Redis, or TLS is on one side only), or it refused the credentials. */
    public static final int REDIS = 3;
    /** The job does not exist (or has expired). */
    public static final int NOT_FOUND = 4;
    /** The wait timed out before the job ended. */
    public static final int TIMEOUT = 5;
    /** A bug, or data in Redis that Scatter did not write: please report it with the message. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * The code for an exception a command did not handle itself. Only a Redis that cannot be reached or refuses
     * the credentials is 3: an error Redis answers (a script's, say) is not an outage, and is 70.
     */
    public static int of(Throwable e) {
        if (e instanceof InvalidRedisUriException || e instanceof InvalidJobException
                || e instanceof InvalidParametersException) {
            return USAGE;
        }
        if (e instanceof JobNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof BrokerUnavailableException || e instanceof BrokerAuthException) {
            return REDIS;
        }
        return INTERNAL;
    }
}
