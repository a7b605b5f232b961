package dev.scatter.broker;

/**
 * The size of a queue's backlog. An autoscaler should read {@link #outstanding()}: it includes tasks in flight,
 * so runners busy with long tasks are not scaled away, and excludes the tasks of cancelled jobs, so no runner is
 * started for work nobody wants.
 *
 * @param outstanding tasks of active jobs not yet accounted for (ready, delayed or running), reduces included
 * @param ready       those waiting to be claimed (those parked for runners of their kind included)
 * @param delayed     retries waiting out their back-off
 * @param inFlight    leases held by runners (a cancelled job's included, until their runners are told to stop)
 * @param malformed   entries quarantined because they could not be parsed
 * @param parked      ready entries set aside because the runners that met them cannot run their kind
 */
public record QueueBacklog(String queue, long outstanding, long ready, long delayed, long inFlight, long malformed,
                           long parked) {

    /** This backlog with {@code other}'s counts added, under this one's queue name (a queue and its shards). */
    public QueueBacklog plus(QueueBacklog other) {
        return new QueueBacklog(queue, outstanding + other.outstanding, ready + other.ready, delayed + other.delayed,
                inFlight + other.inFlight, malformed + other.malformed, parked + other.parked);
    }
}
