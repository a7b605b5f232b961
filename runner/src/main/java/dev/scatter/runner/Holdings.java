package dev.scatter.runner;

import dev.scatter.broker.ClaimedTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every task this runner holds a lease on, by lease id, from its claim until Redis acknowledges its outcome; the
 * dispatcher waits here for room, the lease keeper reads it to renew, the fence to stop what can no longer be
 * renewed, shutdown to hand back.
 */
final class Holdings {

    private final Map<String, Work> byLease = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    Work add(ClaimedTask task, long claimSentAt) {
        Work work = new Work(task, claimSentAt);
        byLease.put(task.leaseId(), work);
        return work;
    }

    void remove(Work work) {
        if (byLease.remove(work.task.leaseId()) != null) {
            signal();
        }
    }

    Work get(String leaseId) {
        return byLease.get(leaseId);
    }

    int size() {
        return byLease.size();
    }

    /** Tasks whose outcome has been handed to the settler and waits for Redis to acknowledge it. */
    int finished() {
        int finished = 0;
        for (Work work : byLease.values()) {
            if (work.isFinished()) {
                finished++;
            }
        }
        return finished;
    }

    /** Tasks of these queues whose outcome has been handed to the settler and waits for Redis to acknowledge it. */
    int finishedOn(java.util.Set<String> queues) {
        int finished = 0;
        for (Work work : byLease.values()) {
            if (work.isFinished() && queues.contains(work.task.job().queue())) {
                finished++;
            }
        }
        return finished;
    }

    /** Whether it holds a suspect, which runs alone. */
    boolean holdsSuspect() {
        for (Work work : byLease.values()) {
            if (work.task.isSuspect()) {
                return true;
            }
        }
        return false;
    }

    Collection<Work> all() {
        return new ArrayList<>(byLease.values());
    }


    /** Waits until fewer than {@code limit} tasks are held, or the timeout passes. */
    void awaitBelow(int limit, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        lock.lock();
        try {
            while (byLease.size() >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
