package dev.scatter.cli;

import dev.scatter.broker.BrokerAuthException;
import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.InvalidJobException;
import dev.scatter.broker.InvalidRedisUriException;
import dev.scatter.broker.JobNotFoundException;
import dev.scatter.task.InvalidParametersException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /**
     * Redis cannot be reached (or what answers is not Redis, or TLS is on one side only), or it refused the
     * credentials.
     */
    public static final int REDIS = 3;
    /** The job does not exist (or has expired). */
    public static final int NOT_FOUND = 4;
    /** The wait timed out before the job ended. */
    public static final int TIMEOUT = 5;
    /** A bug, or data in Redis that Scatter did not write: please report it with the message. */
    public static final int INTERNAL = 70;
    /** The runner left because a task called System.exit (the task is charged an attempt that names it). */
    public static final int TASK_EXITED = 71;
    /** The runner left to be restarted: a task's thread would not stop after its timeout. */
    public static final int TASK_WOULD_NOT_STOP = 72;

    /** What each code of {@code submit} means, as its --help and the README say it. */
    public static final Map<String, String> SUBMIT_HELP = ordered(
            OK, "success (for a job: it succeeded)",
            JOB_FAILED, "the job failed or was cancelled (or, for cmd, a command exited non-zero)",
            USAGE, "bad command line or input; nothing was done",
            REDIS, "Redis cannot be reached (or what answers is not Redis, or TLS is on one side only), or it refused"
                    + " the credentials",
            NOT_FOUND, "no such job (or it has expired)",
            TIMEOUT, "--timeout passed before the job ended (for result: it has no result yet)",
            INTERNAL, "internal error: a bug, or a record in Redis that Scatter did not write (please report the"
                    + " message)");

    /** What each code of {@code runner} means, as its --help and the README say it. */
    public static final Map<String, String> RUNNER_HELP = ordered(
            OK, "stopped cleanly (on SIGTERM or SIGINT)",
            USAGE, "bad command line or plug-ins; nothing was started",
            REDIS, "Redis refused the credentials, or what answers is not Redis, or TLS is on one side only (an"
                    + " unreachable Redis is waited for)",
            INTERNAL, "internal error (a bug: please report the message)",
            TASK_EXITED, "a task called System.exit; it is charged a failed attempt that says so (restart the runner)",
            TASK_WOULD_NOT_STOP, "a task's thread would not stop after --task-timeout; its attempt was reported"
                    + " failed (restart the runner to get the thread back)");

    private ExitCodes() {
    }

    private static Map<String, String> ordered(Object... codesAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < codesAndTexts.length; i += 2) {
            map.put(codesAndTexts[i].toString(), (String) codesAndTexts[i + 1]);
        }
        return Collections.unmodifiableMap(map);
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
