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

    final ClaimedTask task;
    final StopSignal stop = new StopSignal();
    private final AtomicBoolean taken = new AtomicBoolean();
    volatile Thread thread;
    /** When the last renewal (or the claim) that Redis accepted was sent, by {@link System#nanoTime()}. */
    volatile long renewedAt;
    /** Set once the outcome is handed to the settler: nothing is left to stop. */
    volatile boolean finished;
    /** Whether a stopped task goes back to the queue (shutdown, fence) rather than being dropped (nobody wants it). */
    volatile boolean handBack;

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

    /** Stops the task and hands it back once it has stopped; urgently when another runner may take it over. */
    void stopAndHandBack(String reason, boolean urgent) {
        handBack = true;
        if (urgent) {
            stop.setUrgent(reason);
        } else {
            stop.set(reason);
        }
        interrupt();
    }

    /** Stops a task nobody needs any more (its job ended, or its lease is someone else's now). */
    void stopAndDrop(String reason) {
        stop.set(reason);
        interrupt();
    }

    private void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
