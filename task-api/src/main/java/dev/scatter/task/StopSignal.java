package dev.scatter.task;

/**
 * Tells a running task that its work is no longer wanted: its job was cancelled or ended, the runner is shutting
 * down, or the runner could not renew the task's lease in time and another runner may take it over. In the last
 * case the stop is urgent: the task should end at once, without a grace period, so that it never runs at the same
 * time as its next holder.
 */
public final class StopSignal {

    private volatile String reason;
    private volatile boolean urgent;

    public boolean isSet() {
        return reason != null;
    }

    /** Whether the task must end at once (kill, not terminate). */
    public boolean isUrgent() {
        return urgent;
    }

    /** Why the task should stop, or null. */
    public String reason() {
        return reason;
    }

    public void set(String reason) {
        if (this.reason == null) {
            this.reason = reason;
        }
    }

    /** Stops the task at once; an earlier, gentler stop is made urgent too. */
    public void setUrgent(String reason) {
        set(reason);
        urgent = true;
    }
}
