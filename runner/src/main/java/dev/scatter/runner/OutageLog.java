package dev.scatter.runner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a Redis outage once when it starts and once when it ends, however many of the runner's loops run into
 * it, so that an outage of an hour is two log lines and not a flood.
 */
final class OutageLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.scatter.runner.Redis");

    private final String address;
    private final AtomicLong downSince = new AtomicLong();

    OutageLog(String address) {
        this.address = address;
    }

    void failed(RuntimeException e) {
        if (downSince.compareAndSet(0, System.nanoTime())) {
            LOG.warn("Redis at {} unreachable: {}; retrying with back-off", address, e.getMessage());
        } else {
            LOG.debug("Redis at {} still unreachable: {}", address, e.getMessage());
        }
    }

    void succeeded() {
        long since = downSince.getAndSet(0);
        if (since != 0) {
            LOG.info("Redis at {} reachable again after {} s", address,
                    Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0);
        }
    }

    boolean isDown() {
        return downSince.get() != 0;
    }
}
