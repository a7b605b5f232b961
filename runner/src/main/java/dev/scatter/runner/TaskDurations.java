package dev.scatter.runner;

/**
 * A moving average of how long tasks take, from which the dispatcher sizes its claims: for tasks of a few
 * microseconds it claims hundreds at a time (one round trip per batch, not per task); for tasks of seconds it
 * claims only what its threads can start, so it does not hoard work other runners could do.
 */
final class TaskDurations {

    /** The work, in thread-time, that one claim aims to fetch beyond the free threads. */
    private static final double PREFETCH_NANOS = 20_000_000;
    private static final int MAX_PREFETCH = 1000;

    private volatile double averageNanos = -1;

    void record(long nanos) {
        double avg = averageNanos;
        averageNanos = avg < 0 ? nanos : avg * 0.9 + nanos * 0.1;
    }

    /** Tasks to hold beyond one per thread. */
    int prefetch(int threads) {
        double avg = averageNanos;
        if (avg < 0) {
            return 0;
        }
        double n = threads * PREFETCH_NANOS / Math.max(avg, 1_000);
        return (int) Math.min(MAX_PREFETCH, Math.floor(n));
    }
}
