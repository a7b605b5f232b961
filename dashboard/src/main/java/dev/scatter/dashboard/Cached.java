package dev.scatter.dashboard;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * A value read at most once per period, shared by every request: ten open tabs cost Redis what one does. A read
 * that fails is not kept, so the next request tries again (and the page shows the outage meanwhile).
 */
final class Cached<T> {

    private final long periodMillis;
    private final Clock clock;
    private final Supplier<T> reader;
    private T value;
    private long readAt = Long.MIN_VALUE;

    Cached(long periodMillis, Clock clock, Supplier<T> reader) {
        this.periodMillis = periodMillis;
        this.clock = clock;
        this.reader = reader;
    }

    synchronized T get() {
        long now = clock.millis();
        if (value == null || now - readAt >= periodMillis || now < readAt) {
            value = reader.get();
            readAt = now;
        }
        return value;
    }
}
