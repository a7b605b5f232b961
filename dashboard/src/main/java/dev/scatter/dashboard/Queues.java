package dev.scatter.dashboard;

import dev.scatter.broker.QueueKeys;
import dev.scatter.broker.RunnerPresence;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queues the dashboard shows: those it was told of, and every queue a live runner has served since it started
 * (Redis keeps no list of queues, and the dashboard scans no keys to find them). At most {@link #MAX} of them.
 */
final class Queues {

    static final int MAX = 100;

    private final Set<String> names = new LinkedHashSet<>();

    Queues(List<String> configured) {
        names.addAll(configured);
    }

    synchronized void seeRunners(Collection<RunnerPresence> runners) {
        for (RunnerPresence runner : runners) {
            for (String queue : runner.queues()) {
                if (names.size() < MAX && QueueKeys.QUEUE_NAME.matcher(queue).matches()) {
                    names.add(queue);
                }
            }
        }
    }

    synchronized Set<String> names() {
        return new LinkedHashSet<>(names);
    }

    /** A queue named in a request (the first one shown when none is); a name of no queue's form is refused. */
    synchronized String require(String queue) {
        if (queue == null || queue.isEmpty()) {
            return names.iterator().next();
        }
        QueueKeys.requireValidQueueName(queue);
        return queue;
    }
}
