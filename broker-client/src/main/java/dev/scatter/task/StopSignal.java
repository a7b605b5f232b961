package dev.scatter.task;

/** Tells a running task that its work is no longer wanted. */
public final class StopSignal {

    private volatile String reason;

    public boolean isSet() {
        return reason != null;
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
}
