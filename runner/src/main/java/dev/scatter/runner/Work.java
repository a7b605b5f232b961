package dev.scatter.runner;

import dev.scatter.broker.ClaimedTask;
import dev.scatter.task.StopSignal;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task this runner holds a lease on: claimed, waiting for a thread, running, or finished with its outcome not
 * yet acknowledged by Redis. It stays held, and its lease renewed, until Redis has the outcome: a result computed
 * is never left without a lease while it waits to be reported.
 */
final class Work {

    /** What becomes of a task stopped before it finished. */
    enum WhenStopped {
        /** Nobody needs it (its job ended, or its lease is someone else's now): forget it. */
        DROP,
        /** Hand it back with no attempt charged (shutdown, or the runner could not renew its lease). */
        HAND_BACK,
        /** Report a failed attempt with the stop's reason (it ran past the task timeout). */
        FAIL
    }

    final ClaimedTask task;
    final StopSignal stop = new StopSignal();
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicBoolean outcome = new AtomicBoolean();
    volatile Thread thread;
    /** When a worker thread started it, by {@link System#nanoTime()}; 0 until then. */
    volatile long startedAt;
    /** When the last renewal (or the claim) that Redis accepted was sent, by {@link System#nanoTime()}. */
    volatile long renewedAt;
    volatile WhenStopped whenStopped = WhenStopped.DROP;
    /** When it was first told to stop, by {@link System#nanoTime()}; 0 until then. */
    volatile long stopIssuedAt;

    Work(ClaimedTask task, long claimSentAt) {
        this.task = task;
        this.renewedAt = claimSentAt;
    }

    boolean isRunning() {
        return thread != null;
    }

    /**
     * Takes the task for one purpose, once: a worker thread to run it, or shutdown to hand it back unstarted.
     * Whoever comes second leaves it alone.
     */
    boolean take() {
        return taken.compareAndSet(false, true);
    }

    /**
     * Takes the right to report the task's outcome, once: the first of its thread, the watchdog (for a thread that
     * will not stop) and the exit hook wins, and the others' reports are dropped.
     */
    boolean takeOutcome() {
        return outcome.compareAndSet(false, true);
    }

    /** Whether its outcome has been handed to the settler: nothing is left to stop. */
    boolean isFinished() {
        return outcome.get();
    }

    /** Stops the task and hands it back once it has stopped; urgently when another runner may take it over. */
    void stopAndHandBack(String reason, boolean urgent) {
        stop(WhenStopped.HAND_BACK, reason, urgent);
    }

    /** Stops a task nobody needs any more (its job ended, or its lease is someone else's now). */
    void stopAndDrop(String reason) {
        stop(WhenStopped.DROP, reason, false);
    }

    /** Stops a task that ran too long; its attempt fails with the reason. */
    void stopAndFail(String reason) {
        stop(WhenStopped.FAIL, reason, false);
    }

    private void stop(WhenStopped then, String reason, boolean urgent) {
        if (!stop.isSet()) {
            whenStopped = then;
            stopIssuedAt = System.nanoTime();
        }
        if (urgent) {
            stop.setUrgent(reason);
        } else {
            stop.set(reason);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
