package dev.scatter.broker;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with jitter for reconnecting: 100 ms doubling to 5 s, each pause drawn from its
 * upper half so that clients cut off together do not come back together. The one back-off of every loop that
 * waits for Redis (the runner's, a subscription's, a job's waiter). Not thread-safe.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 100;
    private static final long CAP_MILLIS = 5_000;

    private long next = FIRST_MILLIS;

    /** The pause before the next try; each call doubles the following one, up to the cap. */
    public long nextMillis() {
        long pause = next / 2 + ThreadLocalRandom.current().nextLong(next / 2 + 1);
        next = Math.min(CAP_MILLIS, next * 2);
        return pause;
    }

    public void reset() {
        next = FIRST_MILLIS;
    }
}
