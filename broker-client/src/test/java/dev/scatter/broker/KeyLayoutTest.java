package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Every key a queue's scripts create lives in one hash slot, under the names QueueKeys gives. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class KeyLayoutTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void allKeysOfAQueueShareOneHashSlotAndMatchQueueKeys(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            QueueKeys keys = queue.keys();
            JobId done = broker.submit(Brokers.noop(redis, 3).withMaxAttempts(1));
            JobId running = broker.submit(Brokers.noop(redis, 3));
            raw.rpush(keys.ready(), "garbage");
            List<ClaimedTask> tasks = queue.claim(100, Brokers.LEASE, "noop");
            for (ClaimedTask t : tasks) {
                if (t.job().equals(done)) {
                    if (t.index() == 0) {
                        queue.fail(List.of(TaskFailure.permanent(t, "no")));
                    } else {
                        Brokers.completeWithIndex(queue, List.of(t));
                    }
                } else if (t.index() == 0) {
                    queue.fail(List.of(TaskFailure.retryable(t, "later")));
                } else if (t.index() == 1) {
                    Brokers.completeWithIndex(queue, List.of(t));
                }
            }

            Set<String> found = new HashSet<>(raw.keys("scatter:v2:{" + redis.queue() + "}:*"));
            // The ready list is empty, so Redis has removed it.
            assertThat(found).containsExactlyInAnyOrder(
                    keys.clock(), keys.leases(), keys.delayed(), keys.malformed(), keys.jobs(), keys.expiring(),
                    keys.active(), keys.counters(),
                    keys.job(done.id()), keys.results(done.id()), keys.dead(done.id()), keys.tasks(done.id()),
                    keys.job(running.id()), keys.results(running.id()), keys.tasks(running.id()));
            found.addAll(List.of(keys.ready(), keys.parked(), keys.returns(done.id()), keys.blob("0")));
            int slot = JedisClusterCRC16.getSlot(keys.ready());
            assertThat(found).allSatisfy(key -> assertThat(JedisClusterCRC16.getSlot(key)).isEqualTo(slot));
        }
    }
}
