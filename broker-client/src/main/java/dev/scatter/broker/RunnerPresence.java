package dev.scatter.broker;

import java.time.Instant;
import java.util.List;

/**
 * What a runner says about itself at each heartbeat; it disappears from Redis when heartbeats stop.
 *
 * @param kinds    the task kinds it runs, each as "name@version"
 * @param inFlight tasks it runs at the moment
 * @param lastSeen the time of its last heartbeat, by Redis's clock (null in a heartbeat being sent)
 */
public record RunnerPresence(
        String id, String host, long pid, List<String> queues, List<String> kinds, int threads, int inFlight,
        String version, Instant startedAt, Instant lastSeen) {

    public RunnerPresence {
        queues = List.copyOf(queues);
        kinds = List.copyOf(kinds);
    }

    /** The kind names, without versions. */
    public List<String> kindNames() {
        return kinds.stream().map(k -> k.contains("@") ? k.substring(0, k.indexOf('@')) : k).toList();
    }
}
