package dev.scatter.dashboard;

import dev.scatter.broker.Broker;
import dev.scatter.broker.TaskQueue;
import java.util.HashMap;
import java.util.Map;

/**
 * Each queue's count of dead tasks, as {@code submit backlog} counts it ({@link Broker#deadCount(String)}: one read
 * of every job's counter, its shards' included, {@link TaskQueue#deadCount()} per queue). That costs a command per job in the index, so on a queue of more than
 * {@link #EXACT_JOBS} jobs it is read at most every {@link #STALE_MILLIS} ms and the page says how old it is; a
 * smaller queue is counted afresh at every refresh.
 */
final class DeadCounts {

    static final long EXACT_JOBS = 2_000;
    static final long STALE_MILLIS = 15_000;

    /** A count and when it was read (epoch ms). */
    record Count(long dead, long at) {
    }

    private final Map<String, Count> counts = new HashMap<>();

    synchronized Count of(Broker broker, TaskQueue queue, long jobCount, long nowMillis) {
        Count last = counts.get(queue.name());
        if (jobCount <= EXACT_JOBS || last == null || nowMillis - last.at() >= STALE_MILLIS || nowMillis < last.at()) {
            last = new Count(broker.deadCount(queue.name()), nowMillis);
            counts.put(queue.name(), last);
        }
        return last;
    }
}
