package dev.scatter.runner;

import dev.scatter.broker.BrokerUnavailableException;
import dev.scatter.broker.BrokerUnavailableException.Condition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a Redis outage once when it starts and once when it ends, however many of the runner's loops run into it,
 * so that an outage of an hour is two log lines and not a flood. An outage is any time Redis cannot take calls:
 * unreachable, or answering that it cannot write for now; out of memory is said plainly, with the limit.
 */
final class OutageLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.scatter.runner.Redis");

    private final String address;
    private final Supplier<String> memoryReport;
    private final Runnable onBack;
    private final AtomicLong downSince = new AtomicLong();
    private final boolean spread;
    private volatile Condition condition;

    /**
     * @param memoryReport what Redis says of its memory, for the out-of-memory line
     * @param onBack       run each time Redis is heard from again after an outage
     */
    OutageLog(String address, Supplier<String> memoryReport, Runnable onBack) {
        this(address, memoryReport, onBack, false);
    }

    /**
     * @param spread whether Redis is several servers (a Redis Cluster's masters), so that a call that reached some of
     *               them says nothing of the others: only a pass over every queue ends an outage then
     */
    OutageLog(String address, Supplier<String> memoryReport, Runnable onBack, boolean spread) {
        this.address = address;
        this.memoryReport = memoryReport;
        this.onBack = onBack;
        this.spread = spread;
    }

    void failed(BrokerUnavailableException e) {
        Condition was = condition;
        condition = e.condition();
        if (downSince.compareAndSet(0, System.nanoTime()) || was != e.condition()) {
            if (e.condition() == Condition.OUT_OF_MEMORY) {
                LOG.warn("Redis at {} is out of memory ({}) and refuses writes: not claiming tasks; results and"
                        + " hand-backs are kept and sent once it has room", address, memoryReport.get());
            } else {
                LOG.warn("Redis at {} unavailable: {}; retrying with back-off", address, e.getMessage());
            }
        } else {
            LOG.debug("Redis at {} still unavailable: {}", address, e.getMessage());
        }
    }

    void succeeded() {
        long since = downSince.getAndSet(0);
        if (since != 0) {
            condition = null;
            LOG.info("Redis at {} available again after {} s", address,
                    Duration.ofNanos(System.nanoTime() - since).toMillis() / 1000.0);
            onBack.run();
        }
    }

    /**
     * Calls that reached only some queues (a settle batch, a renewal of the leases held, a heartbeat) succeeded.
     * With one server that is Redis back; with several (a cluster) one may still be down while the queues on the
     * others answer, and taking this for the end would log the outage's end and start again at every call: the
     * passes over every queue (claims, recovery, backlog) end it then.
     */
    void succeededOnSome() {
        if (!spread) {
            succeeded();
        }
    }

    /** As {@link #readSucceeded()}, for reads that reached only some queues (see {@link #succeededOnSome()}). */
    void readSucceededOnSome() {
        if (!spread) {
            readSucceeded();
        }
    }

    /**
     * A call that only reads (or writes what Redis allows when full: a heartbeat) succeeded. It ends an outage in
     * which Redis could not be reached, but not one in which it refuses writes: reads go on working then, and
     * taking them for the end would log the outage's end and start once a second.
     */
    void readSucceeded() {
        Condition now = condition;
        if (now == null || !now.refusesWritesOnly()) {
            succeeded();
        }
    }

    boolean isDown() {
        return downSince.get() != 0;
    }

    /** Why Redis is unavailable, or null while it is not. */
    Condition condition() {
        return condition;
    }
}
