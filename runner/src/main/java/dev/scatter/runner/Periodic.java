package dev.scatter.runner;

import java.util.function.BooleanSupplier;

/**
 * A housekeeping loop in a thread of its own: runs a step every interval, and sooner (with back-off) after a
 * step that could not reach Redis. Separate threads keep a slow step from delaying lease renewal.
 */
final class Periodic {

    private final Thread thread;
    private volatile boolean stopped;

    Periodic(String name, long intervalMillis, BooleanSupplier step) {
        this.thread = new Thread(() -> loop(intervalMillis, step), name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop(long intervalMillis, BooleanSupplier step) {
        Backoff backoff = new Backoff();
        while (!stopped) {
            long pause;
            try {
                if (step.getAsBoolean()) {
                    backoff.reset();
                    pause = intervalMillis;
                } else {
                    pause = Math.min(intervalMillis, backoff.nextMillis());
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Periodic.class).error("{} failed: {}", thread.getName(), e.toString());
                pause = intervalMillis;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
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
