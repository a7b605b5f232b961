package dev.scatter.runner;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the tasks whose lease this runner could not renew in time, as a Kafka consumer gives up partitions it
 * can no longer own. A lease renewed by a call sent at time t runs until at least t + lease by the queue's clock,
 * which never runs faster than real time; so once five sixths of a lease have passed since the last renewal Redis
 * accepted, another runner may soon take the task over, and this runner stops it at once (killing a command's
 * process group), whatever it can or cannot reach. The same task therefore never runs on two runners at once,
 * give or take the time a stop takes. A stopped task is handed back when Redis answers again: its lease may still
 * be held (a Redis outage: the queue's clock stood still) or gone (this runner was cut off alone: someone else has
 * it); either way no attempt is charged.
 *
 * <p>It runs on a thread of its own, so that a Redis call hanging until its socket timeout cannot delay it.
 */
final class SelfFence {

    private static final Logger LOG = LoggerFactory.getLogger(SelfFence.class);

    private final Holdings holdings;
    private final long fenceAfterNanos;
    private final Duration lease;

    SelfFence(Holdings holdings, Duration lease) {
        this.holdings = holdings;
        this.lease = lease;
        this.fenceAfterNanos = lease.toNanos() - lease.toNanos() / 6;
    }

    /** How often it looks: often enough to act well within the last sixth of a lease. */
    long intervalMillis() {
        return Math.max(20, Math.min(1000, lease.toMillis() / 20));
    }

    boolean check() {
        long now = System.nanoTime();
        for (Work work : holdings.all()) {
            if (!work.isFinished() && !work.stop.isSet() && now - work.renewedAt > fenceAfterNanos) {
                LOG.warn("task {} stopped: its lease could not be renewed for {} s (of {} s); another runner may take it"
                        + " over. It is handed back once Redis answers.", work.task.describe(),
                        Duration.ofNanos(now - work.renewedAt).toMillis() / 1000.0, lease.toMillis() / 1000.0);
                work.stopAndHandBack("its lease could not be renewed in time", true);
            }
        }
        return true;
    }
}
