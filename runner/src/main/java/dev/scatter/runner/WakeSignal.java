package dev.scatter.runner;

/**
 * Wakes an idle dispatcher when work may have arrived. A signal that comes while nobody waits is kept, so a
 * submit that lands between an empty claim and the wait is never missed.
 */
final class WakeSignal {

    private boolean pending;

    synchronized void signal() {
        pending = true;
        notifyAll();
    }

    /** Returns at once if signalled since the last call, else waits up to the timeout for a signal. */
    synchronized void await(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
        pending = false;
    }
}
