package dev.scatter.broker;

/**
 * What one recovery pass did.
 *
 * @param promoted    retries whose back-off had passed, moved to the ready list
 * @param requeued    expired leases whose tasks were made ready again
 * @param quarantined expired leases whose tasks had used up their attempts
 * @param dropped     expired leases of cancelled or finished jobs, or of tasks that have a result
 */
public record RecoveryReport(int promoted, int requeued, int quarantined, int dropped) {

    public boolean didAnything() {
        return promoted + requeued + quarantined + dropped > 0;
    }
}
