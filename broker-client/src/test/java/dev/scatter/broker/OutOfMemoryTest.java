package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scatter.broker.testing.DedicatedRedis;
import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * At maxmemory (noeviction) Redis refuses writes. Every script's first write is the clock's, so a refused script
 * has written nothing: the call is reported as Redis being unavailable, to be retried, and the queue is as it was.
 */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class OutOfMemoryTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void atMaxmemoryEveryScriptIsRefusedWholeAndRetriedLaterWithTheSameOutcome(@DedicatedRedis RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 4));
            List<ClaimedTask> held = queue.claim(4, Brokers.LEASE, "noop");

            fill(raw);
            assertThatThrownBy(() -> Brokers.completeWithIndex(queue, held))
                    .isInstanceOfSatisfying(BrokerUnavailableException.class, e -> {
                        assertThat(e.condition()).isEqualTo(BrokerUnavailableException.Condition.OUT_OF_MEMORY);
                        assertThat(e.getMessage()).contains("out of memory");
                    });
            assertThatThrownBy(() -> queue.renew(held, Brokers.LEASE)).isInstanceOf(BrokerUnavailableException.class);
            assertThatThrownBy(() -> queue.recover(100)).isInstanceOf(BrokerUnavailableException.class);
            assertThatThrownBy(() -> broker.submit(Brokers.noop(redis, 1))).isInstanceOf(BrokerUnavailableException.class);
            assertThat(broker.status(id).orElseThrow().succeeded()).as("nothing half-written").isZero();
            assertThat(queue.backlog().inFlight()).isEqualTo(4);

            raw.del("ballast");
            assertThat(Brokers.completeWithIndex(queue, held)).containsOnly(ReturnCode.COUNTED);
            assertThat(broker.status(id).orElseThrow().state()).isEqualTo(JobState.REDUCING);
        } finally {
            try (RedisClient raw = RedisClient.create(redis.uri())) {
                raw.configSet("maxmemory", "0");
            }
        }
    }

    /** A ballast key, then a maxmemory just under what Redis now uses. */
    private static void fill(RedisClient raw) {
        // Made inside Redis: an 8 MiB argument would sit in the client's query buffer, counted now and freed later.
        raw.eval("redis.call('SET', KEYS[1], string.rep('x', 8 * 1024 * 1024))", java.util.List.of("ballast"),
                java.util.List.of());
        long used = 0;
        for (String line : raw.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                used = Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        raw.configSet("maxmemory-policy", "noeviction");
        raw.configSet("maxmemory", Long.toString(used - 1024 * 1024));
    }
}
