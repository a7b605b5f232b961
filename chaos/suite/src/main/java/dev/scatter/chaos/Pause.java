package dev.scatter.chaos;

import java.time.Duration;

/**
 * Waiting for time itself: a fault that must last a given time (an outage of three leases) has no condition to
 * wait for. Everything that has one waits for it instead (see {@link JobWatch}).
 */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
