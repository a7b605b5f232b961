package dev.scatter.runner;

import dev.scatter.broker.ClaimedTask;
import dev.scatter.task.StopSignal;

/** A task this runner holds: claimed, waiting for a thread or running. */
final class Work {

    final ClaimedTask task;
    final StopSignal stop = new StopSignal();
    volatile Thread thread;

    Work(ClaimedTask task) {
        this.task = task;
    }

    boolean isRunning() {
        return thread != null;
    }
}
