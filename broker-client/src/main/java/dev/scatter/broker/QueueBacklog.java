package dev.scatter.broker;

/**
 * The size of a queue's backlog. An autoscaler should read {@link #outstanding()}: it includes tasks in flight,
 * so runners busy with long tasks are not scaled away.
 *
 * @param ready     refs waiting to be claimed
 * @param delayed   retries waiting out their back-off
 * @param inFlight  leases held by runners
 * @param malformed entries quarantined because they could not be parsed or matched to a job
 */
public record QueueBacklog(String queue, long ready, long delayed, long inFlight, long malformed) {

    public long outstanding() {
        return ready + delayed + inFlight;
    }
}
