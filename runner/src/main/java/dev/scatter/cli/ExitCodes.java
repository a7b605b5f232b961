package dev.scatter.cli;

/** The exit codes of {@code submit} and {@code runner}, listed in each command's --help (keep them in step). */
public final class ExitCodes {

    /** Success: the command did what was asked; for a job, it succeeded. */
    public static final int OK = 0;
    /** The job failed or was cancelled. */
    public static final int JOB_FAILED = 1;
    /** Bad command line or bad input: nothing was done. */
    public static final int USAGE = 2;
    /** Redis unreachable, or it refused the connection or the credentials. */
    public static final int REDIS = 3;
    /** The job does not exist (or has expired). */
    public static final int NOT_FOUND = 4;
    /** The wait timed out before the job ended. */
    public static final int TIMEOUT = 5;
    /** A bug: please report it with the message. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
