package dev.scatter.broker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with "equal jitter": the n-th retry waits between half and all of
 * {@code min(cap, base * 2^(n-1))}. The jitter spreads retries of tasks that failed together (say, a shared
 * resource was down) so they do not all come back at the same instant; the half that is not random keeps a
 * minimum pause.
 */
public record RetryPolicy(Duration base, Duration cap) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry back-off needs 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The delay before retry number {@code attempt} (1 after the first failure). */
    public Duration delayAfter(int attempt) {
        return delayAfter(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #delayAfter(int)} with the random draw given, in [0, 1). */
    public Duration delayAfter(int attempt, double random) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << exponent);
        if (ceiling <= 0) {
            ceiling = cap.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random * (ceiling - half)));
    }
}
