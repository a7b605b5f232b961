package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.QueueClock;
import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** A job's fresh tasks are one ready entry, leased from its front: submit costs the same for any task count. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class ReadyRangesTest {

    private final QueueClock clock = new QueueClock();

    @Test
    void aMillionTasksAreOneEntryLeasedFromTheFront(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 1_000_000));
            assertThat(raw.lrange(queue.keys().ready(), 0, -1)).containsExactly(id.id() + ":0-999999:0");
            assertThat(queue.backlog().ready()).isEqualTo(1_000_000);

            List<ClaimedTask> first = queue.claim(500, Brokers.LEASE, "noop");
            assertThat(first).extracting(ClaimedTask::index).containsExactlyElementsOf(range(0, 500));
            assertThat(raw.lrange(queue.keys().ready(), 0, -1)).containsExactly(id.id() + ":500-999999:0");
            assertThat(queue.backlog().ready()).isEqualTo(999_500);
            assertThat(queue.backlog().inFlight()).isEqualTo(500);
        }
    }

    @Test
    void rangesOfSeveralJobsKeepTheirOrderAcrossBatches(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId a = broker.submit(Brokers.noop(redis, 3));
            JobId b = broker.submit(Brokers.noop(redis, 1));
            JobId c = broker.submit(Brokers.noop(redis, 4));

            List<ClaimedTask> batch = queue.claim(5, Brokers.LEASE, "noop");
            assertThat(batch).extracting(t -> t.job().id() + "#" + t.index())
                    .containsExactly(a.id() + "#0", a.id() + "#1", a.id() + "#2", b.id() + "#0", c.id() + "#0");
            assertThat(raw.lrange(queue.keys().ready(), 0, -1)).containsExactly(c.id() + ":1-3:0");
            assertThat(queue.claim(2, Brokers.LEASE, "noop")).extracting(ClaimedTask::index).containsExactly(1, 2);
            assertThat(raw.lrange(queue.keys().ready(), 0, -1)).as("a range of one is a plain ref")
                    .containsExactly(c.id() + ":3:0");
            assertThat(queue.claim(10, Brokers.LEASE, "noop")).extracting(ClaimedTask::index).containsExactly(3);
        }
    }

    @Test
    void aSubmitCostsOneEntryAndAFewFieldsWhateverItsSize(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(redis.uri())) {
            TaskQueue queue = broker.queue(redis.queue());
            long before = memory(raw);
            broker.submit(Brokers.noop(redis, 1_000_000));
            assertThat(memory(raw) - before).as("bytes for a million tasks").isLessThan(64 * 1024);
        }
    }

    private static long memory(RedisClient raw) {
        for (String line : raw.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("no used_memory in INFO");
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }
}
