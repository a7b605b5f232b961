package dev.scatter.broker;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Under Redis Cluster, remembers that a queue's node could not be reached, so that for a short back-off (100 ms
 * doubling to 5 s) the queue's script calls fail at once instead of each waiting out connection attempts to a
 * dead node. The runner's loops serve all their queues from one thread each: without this, every call for a
 * queue on a lost node would hold that thread for seconds, and the queues on the other nodes would wait too.
 * After the back-off one call goes through again; it closes the breaker when it succeeds. Thread-safe.
 */
final class SlotBreaker {

    private static final long FIRST_MILLIS = 100;
    private static final long CAP_MILLIS = 5_000;

    private final String queue;
    private long backoffMillis;
    private long openUntil;
    private BrokerUnavailableException cause;

    SlotBreaker(String queue) {
        this.queue = queue;
    }

    /** Throws while the breaker is open; lets one call through once the back-off has passed. */
    synchronized void check() {
        if (cause != null && openUntil - System.nanoTime() > 0) {
            throw new BrokerUnavailableException(cause.condition(), "the node of queue " + queue + " is unavailable ("
                    + cause.getMessage() + "); trying it again shortly", cause);
        }
        if (cause != null) {
            // One call goes through; the others wait for its outcome's back-off.
            openUntil = System.nanoTime() + backoffMillis * 1_000_000;
        }
    }

    synchronized void failed(BrokerUnavailableException e) {
        backoffMillis = backoffMillis == 0 ? FIRST_MILLIS : Math.min(CAP_MILLIS, backoffMillis * 2);
        long jittered = backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
        openUntil = System.nanoTime() + jittered * 1_000_000;
        cause = e;
    }

    synchronized void succeeded() {
        backoffMillis = 0;
        cause = null;
    }
}
