package dev.scatter.broker;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: brokers on a fixture, and the common moves of a runner. */
final class Brokers {

    static final Duration LEASE = Duration.ofSeconds(30);

    private Brokers() {
    }

    /** A broker on the fixture; {@code clock} moves the fixture queue's clock. */
    static Broker connect(RedisFixture redis, QueueClock clock) {
        clock.bind(redis);
        return Broker.connect(RedisUri.parse(redis.uri()), BrokerOptions.DEFAULTS);
    }

    static JobSpec noop(RedisFixture redis, int tasks) {
        return JobSpec.of("noop", "{}", tasks).withQueue(redis.queue());
    }

    /** Claims everything ready, in batches. */
    static List<ClaimedTask> claimAll(TaskQueue queue) {
        List<ClaimedTask> all = new ArrayList<>();
        List<ClaimedTask> batch;
        while (!(batch = queue.claim(500, LEASE, "noop")).isEmpty()) {
            all.addAll(batch);
        }
        return all;
    }

    /** Completes each task with its index as the result. */
    static List<ReturnCode> completeWithIndex(TaskQueue queue, List<ClaimedTask> tasks) {
        return queue.complete(tasks.stream()
                .map(t -> new TaskCompletion(t, Integer.toString(t.index())))
                .collect(Collectors.toList()));
    }
}
