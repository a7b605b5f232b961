package dev.scatter.runner;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a task may run, whatever its kind: at the task timeout (plus a few seconds, so that a kind that
 * times out by itself, as {@code cmd} does, reports first) the task is interrupted and its attempt fails with that
 * reason. A task's thread that still runs a grace period after it was told to stop (for that or any reason) will
 * not stop: its outcome is reported all the same (failed, handed back or dropped, as its stop said), and the
 * runner asks to be restarted, since only a new process gets the thread back; an orchestrator (or a supervisor)
 * starts another.
 */
final class Watchdog {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** Left to a kind that enforces the timeout itself. */
    static final Duration OWN_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    /** The runner's exit code when a task's thread would not stop after its timeout. */
    static final int THREAD_WOULD_NOT_STOP = dev.scatter.cli.ExitCodes.TASK_WOULD_NOT_STOP;

    private final Holdings holdings;
    private final Settler settler;
    private final long timeoutNanos;
    private final long graceNanos;
    private final IntConsumer restart;
    private boolean restartRequested;

    /**
     * @param timeout the longest a task may run
     * @param grace   how long an interrupted task has to stop
     * @param restart asks for the runner to be restarted, with the exit code to leave with
     */
    Watchdog(Holdings holdings, Settler settler, Duration timeout, Duration grace, IntConsumer restart) {
        this.holdings = holdings;
        this.settler = settler;
        this.timeoutNanos = timeout.plus(OWN_TIMEOUT_MARGIN).toNanos();
        this.graceNanos = grace.toNanos();
        this.restart = restart;
    }

    boolean check() {
        long now = System.nanoTime();
        for (Work work : holdings.all()) {
            long started = work.startedAt;
            if (started == 0 || !work.isRunning() || work.isFinished()) {
                continue;
            }
            long ran = now - started;
            if (!work.stop.isSet()) {
                if (ran > timeoutNanos) {
                    LOG.warn("task {} stopped: it ran {} s, past the task timeout", work.task.describe(), seconds(ran));
                    work.stopAndFail("timed out after " + seconds(timeoutNanos - OWN_TIMEOUT_MARGIN.toNanos())
                            + " s (the runner's --task-timeout)");
                }
            } else if (now - work.stopIssuedAt > graceNanos && reportStuck(work)) {
                LOG.error("task {} did not stop within {} s of being told to ({}): its outcome is reported, and the"
                        + " runner restarts to get its thread back", work.task.describe(), seconds(graceNanos),
                        work.stop.reason());
                if (!restartRequested) {
                    restartRequested = true;
                    restart.accept(THREAD_WOULD_NOT_STOP);
                }
            }
        }
        return true;
    }

    /** Reports a stuck task as its stop said; false when its outcome was reported already. */
    private boolean reportStuck(Work work) {
        String why = work.stop.reason() + ", and it did not stop when told to";
        return switch (work.whenStopped) {
            case FAIL -> settler.fail(work, why, false);
            case HAND_BACK -> settler.release(work);
            case DROP -> settler.drop(work);
        };
    }

    private static double seconds(long nanos) {
        return Duration.ofNanos(nanos).toMillis() / 1000.0;
    }
}
