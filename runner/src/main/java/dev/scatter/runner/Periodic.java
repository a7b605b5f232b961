package dev.scatter.runner;

import dev.scatter.broker.Backoff;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * A housekeeping loop in a thread of its own: runs a step every interval, sooner (with back-off, up to a cap)
 * after a step that could not reach Redis, and at once when woken. Separate threads keep a slow step from
 * delaying lease renewal.
 */
final class Periodic {

    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean stopped;

    Periodic(String name, long intervalMillis, BooleanSupplier step) {
        this(name, intervalMillis, intervalMillis, step);
    }

    /** @param retryCapMillis longest pause after a step that failed */
    Periodic(String name, long intervalMillis, long retryCapMillis, BooleanSupplier step) {
        this.thread = new Thread(() -> loop(intervalMillis, retryCapMillis, step), name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Runs the step now rather than at the end of the pause. */
    void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop(long intervalMillis, long retryCapMillis, BooleanSupplier step) {
        Backoff backoff = new Backoff();
        while (!stopped) {
            long pause;
            try {
                if (step.getAsBoolean()) {
                    backoff.reset();
                    pause = intervalMillis;
                } else {
                    pause = Math.min(retryCapMillis, backoff.nextMillis());
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Periodic.class).error("{} failed: {}", thread.getName(), e.toString());
                pause = intervalMillis;
            }
            if (!pause(pause)) {
                return;
            }
        }
    }

    /** Waits out the pause or a wake-up; false when interrupted (stopping). */
    private boolean pause(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!wakeRequested && !stopped && left > 0) {
                left = woken.awaitNanos(left);
            }
            wakeRequested = false;
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
