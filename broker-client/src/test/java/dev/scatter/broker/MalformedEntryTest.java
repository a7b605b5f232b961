package dev.scatter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scatter.broker.testing.RealRedis;
import dev.scatter.broker.testing.RedisFixture;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** Bad data in Redis is quarantined with its reason and never stops the good work around it. */
@Tag("protocol")
@ExtendWith(RealRedis.class)
class MalformedEntryTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void garbageInTheReadyListIsQuarantinedWithItsReason(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            JobId id = broker.submit(Brokers.noop(redis, 2));
            String ready = queue.keys().ready();
            raw.lpush(ready, "not a ref", "{\"json\":true}", "", "zzz999:0:0", id.id() + ":7:0", id.id() + ":x1:0");

            List<ClaimedTask> claimed = queue.claim(100, Brokers.LEASE);

            assertThat(claimed).extracting(ClaimedTask::index).containsExactlyInAnyOrder(0, 1);
            List<QuarantinedEntry> quarantined = queue.malformed(100);
            assertThat(quarantined).extracting(QuarantinedEntry::reason).containsExactlyInAnyOrder(
                    "malformed ref", "malformed ref", "malformed ref", "malformed ref",
                    "job zzz999 not found", "task index 7 out of range for job " + id.id());
            assertThat(quarantined).extracting(QuarantinedEntry::entry).contains("not a ref", "zzz999:0:0");
            assertThat(queue.backlog().malformed()).isEqualTo(6);
        }
    }

    @Test
    void aCorruptLeaseMemberIsQuarantinedAndDoesNotBlockRecovery(RedisFixture redis) {
        try (Broker broker = Brokers.connect(redis, clock); RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            broker.submit(Brokers.noop(redis, 1));
            raw.zadd(queue.keys().leases(), 1, "garbage-member");
            ClaimedTask task = queue.claim(1, Brokers.LEASE).get(0);

            RecoveryReport report = queue.recover(100);
            assertThat(report.requeued()).isZero();
            assertThat(raw.zscore(queue.keys().leases(), "garbage-member")).isNull();
            assertThat(queue.malformed(10)).singleElement().satisfies(e -> {
                assertThat(e.entry()).isEqualTo("garbage-member");
                assertThat(e.reason()).isEqualTo("malformed lease");
            });
            assertThat(Brokers.completeWithIndex(queue, List.of(task))).containsExactly(ReturnCode.COUNTED);
        }
    }

    @Test
    void theMalformedListIsCapped(RedisFixture redis) {
        BrokerOptions small = new BrokerOptions(1 << 20, 1 << 20, 1000, 1 << 20, 5, RetryPolicy.DEFAULT, 4,
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5), clock);
        try (Broker broker = Broker.connect(RedisUri.parse(redis.uri()), small);
             RedisClient raw = RedisClient.create(URI.create(redis.uri()))) {
            TaskQueue queue = broker.queue(redis.queue());
            for (int i = 0; i < 20; i++) {
                raw.rpush(queue.keys().ready(), "bad " + i);
            }
            assertThat(queue.claim(100, Brokers.LEASE)).isEmpty();
            assertThat(queue.malformed(100)).extracting(QuarantinedEntry::entry)
                    .containsExactly("bad 15", "bad 16", "bad 17", "bad 18", "bad 19");
        }
    }
}
