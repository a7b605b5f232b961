package dev.scatter.broker;

import java.time.Instant;
import java.util.List;

/**
 * What a runner says about itself at each heartbeat; it disappears from Redis when heartbeats stop.
 *
 * @param inFlight tasks it runs at the moment
 * @param lastSeen the time of its last heartbeat
 */
public record RunnerPresence(
        String id, String host, long pid, List<String> queues, int threads, int inFlight, String version,
        Instant startedAt, Instant lastSeen) {
}
